package io.tai2.cli;

import io.tai2.indicators.Bar;
import io.tai2.indicators.IndicatorValues;
import io.tai2.indicators.Indicators;
import io.tai2.indicators.Series;
import io.tai2.sim.CandleFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** Computes every indicator series over a candle file and writes them as JSON arrays aligned to the candles. */
@Command(
    name = "indicators",
    mixinStandardHelpOptions = true,
    description = {
      "Compute tai2's indicators over a candle file ([ts,o,h,l,c,v] numbers or OKX strings, any order) and write",
      "{\"ts\":[...], \"rsi_14\":[...], ...}: one array per series, oldest candle first, null where not defined yet."
    })
final class IndicatorsCommand implements Callable<Integer> {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  @Option(
      names = "--candles",
      required = true,
      paramLabel = "FILE",
      description = "The candle file.")
  Path candles;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the JSON (default: standard output).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<CandleFile.Row> rows;
    try {
      rows = CandleFile.read(candles);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      spec.commandLine().getErr().println("tai2 indicators: " + e.getMessage());
      return 2;
    }
    Indicators indicators = new Indicators();
    List<IndicatorValues> values = new ArrayList<>(rows.size());
    for (CandleFile.Row r : rows) {
      values.add(
          indicators.append(
              new Bar(
                  r.ts().toEpochMilli(),
                  r.open().doubleValue(),
                  r.high().doubleValue(),
                  r.low().doubleValue(),
                  r.close().doubleValue(),
                  r.volume().doubleValue())));
    }
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      write(values, stdout);
      stdout.println();
      stdout.flush();
    } else {
      try (Writer file = Files.newBufferedWriter(out)) {
        write(values, file);
      }
    }
    return 0;
  }

  private static void write(List<IndicatorValues> values, Writer target) {
    try (JsonGenerator json = JSON.createGenerator(target)) {
      json.writeStartObject();
      json.writeArrayPropertyStart("ts");
      for (IndicatorValues v : values) {
        json.writeNumber(v.ts());
      }
      json.writeEndArray();
      for (Series series : Series.values()) {
        json.writeArrayPropertyStart(series.key());
        for (IndicatorValues v : values) {
          if (v.isDefined(series)) {
            json.writeNumber(v.get(series));
          } else {
            json.writeNull();
          }
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
  }
}
