package io.tai2.cli;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.history.CandleRepository;
import io.tai2.lab.CandleImport;
import io.tai2.lab.HistoryDatabase;
import io.tai2.lab.HistoryFetcher;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxRestClient;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tai2 history}: fills the candle store (one-minute bars) from OKX or from candle files, for backtests. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Fill the candle store with one-minute bars (every timeframe is aggregated from them).",
    subcommands = {HistoryCommand.Fetch.class, HistoryCommand.Import.class})
final class HistoryCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The database the service uses: {@code --database-url}, else {@code DATABASE_URL}, else the embedded H2 file. */
  static DatabaseTarget target(String option) {
    String url = option != null ? option : System.getenv("DATABASE_URL");
    return url == null || url.isBlank() ? DatabaseTarget.embedded() : DatabaseTarget.parse(url);
  }

  /** Runs {@code work} with INFO lines (pool, Flyway) held back: standard output carries the summary only. */
  static int quietly(Callable<Integer> work) throws Exception {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root)) {
      return work.call();
    }
    Level level = root.getLevel();
    root.setLevel(Level.WARN);
    try {
      return work.call();
    } finally {
      root.setLevel(level);
    }
  }

  /** An ISO instant ({@code 2026-11-20T00:00:00Z}) or a UTC date ({@code 2026-11-20}, its midnight). */
  static Instant time(String name, String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " " + value + " is not an ISO time (2026-11-20 or 2026-11-20T00:00:00Z)");
    }
  }

  /** {@code tai2 history fetch}: downloads one-minute bars from OKX's history-candles, resumably. */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description = {
        "Download one-minute bars from OKX (market/history-candles, paged backwards, within OKX's rate limit)",
        "into the candle store, and for swaps the funding rates (public/funding-rate-history). A rerun fetches only the UTC",
        "days not yet complete and the funding beyond what is stored; progress goes to standard error."
      })
  static final class Fetch implements Callable<Integer> {

    @Option(
        names = "--symbols",
        required = true,
        split = ",",
        paramLabel = "INSTID",
        description = "Instruments, e.g. BTC-USDT-SWAP,ETH-USDT-SWAP.")
    List<String> symbols;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "ISO",
        description = "First minute (inclusive), e.g. 2026-11-20 or 2026-11-20T06:00:00Z.")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "ISO",
        description = "End (exclusive); cut to the current minute.")
    String to;

    @Option(
        names = "--bar",
        defaultValue = "1m",
        paramLabel = "BAR",
        description = "Only 1m: the store keeps one-minute bars and aggregates the rest.")
    String bar;

    @Option(
        names = "--okx-url",
        defaultValue = "https://www.okx.com",
        paramLabel = "URL",
        description = "OKX REST base URL (default: ${DEFAULT-VALUE}).")
    URI okxUrl;

    @Option(
        names = "--database-url",
        paramLabel = "URL",
        description = "History database (default: DATABASE_URL, else ./data/tai2).")
    String databaseUrl;

    @Spec CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
      return quietly(this::fetch);
    }

    private int fetch() {
      PrintWriter err = spec.commandLine().getErr();
      Instant start;
      Instant end;
      DatabaseTarget target;
      try {
        start = time("--from", from);
        end = time("--to", to);
        if (!start.isBefore(end)) {
          throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        if (!bar.equals("1m")) {
          throw new IllegalArgumentException(
              "--bar "
                  + bar
                  + ": the candle store keeps one-minute bars; other timeframes are aggregated from them");
        }
        if (symbols.stream().anyMatch(s -> !s.matches("[A-Z0-9]+(-[A-Z0-9]+)+"))) {
          throw new IllegalArgumentException(
              "--symbols "
                  + String.join(",", symbols)
                  + ": expected OKX instrument ids such as BTC-USDT-SWAP");
        }
        target = target(databaseUrl);
      } catch (IllegalArgumentException e) {
        err.println("tai2 history fetch: " + e.getMessage());
        return 2;
      }
      try (HikariDataSource ds = HistoryDatabase.open(target);
          HttpClient http = HttpClient.newHttpClient()) {
        CandleRepository store = new CandleRepository(JdbcClient.create(ds));
        OkxMarketData market =
            new OkxMarketData(
                new OkxRestClient(
                    new OkxClientConfig(okxUrl, Optional.empty(), false, Duration.ofSeconds(15)),
                    http,
                    clock));
        HistoryFetcher fetcher =
            new HistoryFetcher(
                market,
                store,
                clock,
                p -> {
                  err.printf(
                      "\r%s %s  day %d/%d  %d bars  %d requests   ",
                      p.instId(),
                      p.day().toString().substring(0, 10),
                      p.daysDone(),
                      p.days(),
                      p.bars(),
                      p.requests());
                  err.flush();
                });
        for (String symbol : symbols) {
          HistoryFetcher.Summary s = fetcher.fetch(symbol, start, end);
          // Only perpetual swaps have funding.
          int funding = symbol.endsWith("-SWAP") ? fetcher.fetchFunding(symbol, start, end) : 0;
          err.printf(
              "\r%s: %d bars stored from %d requests (%d days fetched, %d already complete), %d funding rates%n",
              symbol, s.bars(), s.requests(), s.daysFetched(), s.daysSkipped(), funding);
          spec.commandLine()
              .getOut()
              .printf(
                  "%s bars=%d requests=%d days_fetched=%d days_complete=%d funding=%d%n",
                  symbol, s.bars(), s.requests(), s.daysFetched(), s.daysSkipped(), funding);
        }
        spec.commandLine().getOut().flush();
        return 0;
      } catch (RuntimeException e) {
        err.println();
        err.println("tai2 history fetch: " + e.getMessage());
        return 1;
      }
    }
  }

  /** {@code tai2 history import}: loads candle files into the candle store. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Load one-minute candle files ([ts,o,h,l,c,v] numbers or OKX strings, any order) into the candle store.")
  static final class Import implements Callable<Integer> {

    @Option(
        names = "--candles",
        required = true,
        paramLabel = "INSTID=FILE",
        description = "An instrument and its candle file; repeatable.")
    Map<String, Path> candles;

    @Option(
        names = "--database-url",
        paramLabel = "URL",
        description = "History database (default: DATABASE_URL, else ./data/tai2).")
    String databaseUrl;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return quietly(this::load);
    }

    private int load() {
      PrintWriter err = spec.commandLine().getErr();
      DatabaseTarget target;
      try {
        target = target(databaseUrl);
      } catch (IllegalArgumentException e) {
        err.println("tai2 history import: DATABASE_URL " + e.getMessage());
        return 2;
      }
      try (HikariDataSource ds = HistoryDatabase.open(target)) {
        CandleRepository store = new CandleRepository(JdbcClient.create(ds));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Path> e : candles.entrySet()) {
          try {
            int n = CandleImport.importFile(store, e.getKey(), e.getValue());
            lines.add(e.getKey() + " bars=" + n);
          } catch (IllegalArgumentException | UncheckedIOException ex) {
            err.println("tai2 history import: " + ex.getMessage());
            return 2;
          }
        }
        lines.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (RuntimeException e) {
        err.println("tai2 history import: " + e.getMessage());
        return 1;
      }
    }
  }
}
