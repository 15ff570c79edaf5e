package io.tai2.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.SettingsJson;
import io.tai2.history.CandleRepository;
import io.tai2.history.DecisionRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.lab.BacktestProgress;
import io.tai2.lab.HistoryDatabase;
import io.tai2.lab.Replay;
import io.tai2.lab.ReplayReport;
import io.tai2.lab.ReplayRequest;
import io.tai2.reasoning.DecisionParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tai2 replay}: the decision log's live cycles asked again with another prompt version or model, side by side. */
@Command(
    name = "replay",
    description =
        "Ask the live cycles recorded in a period again, on the exact context their prompts carried, with another "
            + "prompt version (same model) or another model (same prompt); show each live decision beside the new one, the agreement "
            + "rate, and what each would have earned under the fill model over the stored one-minute candles that followed. Replies "
            + "are cached, so a rerun costs nothing. Never sends an order. Exit 0 with the report, 2 for bad input.")
final class ReplayCommand implements Callable<Integer> {

  /** Not the standard help mixin: its {@code --version} would take the option that names a prompt version. */
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ISO",
      description = "First decision time (2026-11-20 or 2026-11-20T00:00:00Z).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ISO",
      description = "End of the period (exclusive).")
  String to;

  @Option(names = "--symbol", paramLabel = "INSTID", description = "Only this symbol's cycles.")
  String symbol;

  @Option(
      names = "--version",
      paramLabel = "ID",
      description =
          "Another prompt version (its id; see GET /api/prompt-versions), asked of the recorded model.")
  String version;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "Another model, asked the recorded prompt; cache:M reads the reply cache only.")
  String model;

  @Option(
      names = "--cache-only",
      description =
          "Use cached replies only: ask no LLM, skip the cycles without one (no API key needed).")
  boolean cacheOnly;

  @Option(
      names = "--horizon",
      defaultValue = "24h",
      paramLabel = "DURATION",
      description =
          "How long each entry is followed before it is closed (30m, 4h, 24h, 7d; default: ${DEFAULT-VALUE}).")
  String horizon;

  @Option(
      names = "--notional",
      defaultValue = "1000",
      paramLabel = "USDT",
      description = "Position value of every entry, both sides alike (default: ${DEFAULT-VALUE}).")
  BigDecimal notional;

  @Option(
      names = "--leverage",
      defaultValue = "1",
      description =
          "Leverage of every entry; sets where it is liquidated (default: ${DEFAULT-VALUE}).")
  BigDecimal leverage;

  @Option(
      names = "--taker-fee",
      defaultValue = "0.0005",
      description = "Taker fee rate on both legs (default: ${DEFAULT-VALUE}).")
  BigDecimal takerFee;

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description =
          "LLM spend at which the replay stops asking (default: the daily LLM budget, if set).")
  BigDecimal maxCost;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the JSON report.")
  Path out;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description =
          "Database with the decision log, candles and LLM cache (default: DATABASE_URL, else ./data/tai2).")
  String databaseUrl;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return HistoryCommand.quietly(this::replay);
  }

  private int replay() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    ReplayRequest request;
    try {
      request = request();
    } catch (IllegalArgumentException e) {
      err.println("tai2 replay: " + e.getMessage());
      return 2;
    }
    try (HikariDataSource ds = HistoryDatabase.open(database())) {
      ReplayReport report;
      try {
        JdbcClient jdbc = JdbcClient.create(ds);
        Replay replay =
            new Replay(
                request,
                LlmWiring.of(ds),
                new DecisionRepository(jdbc),
                new CandleRepository(jdbc),
                rules(ds));
        report = replay.run(progress(err));
      } catch (IllegalArgumentException e) {
        err.println("tai2 replay: " + e.getMessage());
        return 2;
      }
      Files.writeString(out, ReplayReport.write(report));
      ReplayReport.Summary s = report.summary();
      err.println();
      if (s.cycles() == 0 && s.skipped().isEmpty()) {
        err.println(
            "note: no recorded live cycles with a prompt between "
                + request.from()
                + " and "
                + request.to()
                + request.symbol().map(x -> " for " + x).orElse("")
                + "; the report is empty");
      }
      if (!s.skipped().isEmpty()) {
        err.println(
            "skipped: "
                + s.skipped().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")));
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "report=%s cycles=%d skipped=%d agreement=%.4f live_pnl=%s new_pnl=%s live_trades=%d new_trades=%d llm_calls=%d cache_hits=%d cost_usd=%s%n",
              out,
              s.cycles(),
              s.skipped().values().stream().mapToInt(Integer::intValue).sum(),
              s.agreementRate(),
              s.live().totalPnl().toPlainString(),
              s.replayed().totalPnl().toPlainString(),
              s.live().trades(),
              s.replayed().trades(),
              s.llmCalls(),
              s.cacheHits(),
              s.llmCostUsd().toPlainString());
      return 0;
    }
  }

  private ReplayRequest request() {
    boolean cacheModel = model != null && model.startsWith("cache:");
    Optional<String> asked =
        Optional.ofNullable(model).map(m -> cacheModel ? m.substring("cache:".length()) : m);
    return new ReplayRequest(
            HistoryCommand.time("--from", from),
            HistoryCommand.time("--to", to),
            Optional.ofNullable(symbol).map(s -> s.toUpperCase(Locale.ROOT)),
            Optional.ofNullable(version).map(ReplayCommand::uuid),
            asked,
            cacheOnly || cacheModel,
            duration(horizon),
            notional,
            leverage,
            takerFee,
            Optional.ofNullable(maxCost))
        .checked();
  }

  /** The parser's rules as live applies them: whether the saved guardrails require a stop-loss. */
  private static DecisionParser.Rules rules(HikariDataSource ds) {
    SettingsRepository settings =
        new SettingsRepository(
            JdbcClient.create(ds), new TransactionTemplate(new JdbcTransactionManager(ds)));
    GuardrailSettings defaults = GuardrailSettings.defaults(Duration.ofSeconds(60));
    GuardrailSettings saved =
        settings
            .find("guardrails")
            .map(json -> SettingsJson.guardrails(json, defaults))
            .orElse(defaults);
    return new DecisionParser.Rules(
        saved.requireProtection(), DecisionParser.Rules.DEFAULT.maxProtectionDistance());
  }

  private static BacktestProgress progress(PrintWriter err) {
    return new BacktestProgress() {
      @Override
      public void update(long done, long total) {
        err.printf("\rreplay %d/%d cycles", done, total);
        err.flush();
      }

      @Override
      public boolean cancelled() {
        return false;
      }
    };
  }

  private DatabaseTarget database() {
    String url = databaseUrl != null ? databaseUrl : System.getenv("DATABASE_URL");
    return url != null && !url.isBlank() ? DatabaseTarget.parse(url) : DatabaseTarget.embedded();
  }

  /** {@code 30m}, {@code 4h}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT24H}). */
  static Duration duration(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--horizon " + value + " is not a duration such as 30m, 4h, 24h or 7d");
    }
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--version "
              + value
              + " is not a prompt version id (a UUID; see GET /api/prompt-versions)");
    }
  }
}
