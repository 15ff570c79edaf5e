package io.tai2.lab;

import io.tai2.history.CandleRepository;
import io.tai2.history.MinuteBar;
import io.tai2.sim.CandleFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Loads a candle file (either layout the simulator reads) into the candle store. */
public final class CandleImport {
  private CandleImport() {}

  /**
   * Stores every bar of {@code file} under {@code instId}, replacing bars already stored at the same times; returns how
   * many bars the file held.
   *
   * @throws IllegalArgumentException when the file is malformed or its bars are not one minute apart (the store keeps
   *     one-minute base bars only; longer bars cannot be split back into minutes)
   */
  public static int importFile(CandleRepository store, String instId, Path file) {
    List<CandleFile.Row> rows = CandleFile.read(file);
    Duration length = CandleFile.barLength(rows);
    if (rows.size() > 1 && !length.equals(Duration.ofMinutes(1))) {
      throw new IllegalArgumentException(
          file
              + ": bars are "
              + length.toMinutes()
              + " minutes apart; the candle store keeps one-minute bars");
    }
    store.upsert(
        instId,
        rows.stream()
            .map(r -> new MinuteBar(r.ts(), r.open(), r.high(), r.low(), r.close(), r.volume()))
            .toList());
    return rows.size();
  }
}
