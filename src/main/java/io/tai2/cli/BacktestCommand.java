package io.tai2.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.SettingsJson;
import io.tai2.history.CandleRepository;
import io.tai2.history.FundingRateRecord;
import io.tai2.history.SettingsRepository;
import io.tai2.lab.Backtest;
import io.tai2.lab.BacktestFiles;
import io.tai2.lab.BacktestHtml;
import io.tai2.lab.BacktestJson;
import io.tai2.lab.BacktestProgress;
import io.tai2.lab.BacktestReport;
import io.tai2.lab.BacktestRequest;
import io.tai2.lab.BacktestSettings;
import io.tai2.lab.Decider;
import io.tai2.lab.Deciders;
import io.tai2.lab.HistoryDatabase;
import io.tai2.lab.LlmDeciders;
import io.tai2.lab.SymbolHistory;
import io.tai2.market.MarketSettings;
import io.tai2.okx.OkxBarSize;
import io.tai2.reasoning.LlmClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tai2 backtest}: one backtest over candle files or the candle store, written as a JSON (and HTML) report. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Replay one-minute candles in virtual time through tai2's market engine, a decider, the real guardrails and",
      "sizing, and the shared fill model; write the report. Never sends an order. Exit 0 with the report, 2 for bad input."
    })
final class BacktestCommand implements Callable<Integer> {

  @Option(
      names = "--candles",
      paramLabel = "INSTID=FILE",
      description =
          "One-minute candles of a symbol from a file (either layout the simulator reads); repeatable.")
  Map<String, Path> candles = new LinkedHashMap<>();

  @Option(
      names = "--symbols",
      split = ",",
      paramLabel = "INSTID",
      description = "Symbols to read from the candle store instead (see tai2 history fetch).")
  List<String> symbols = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "ISO",
      description =
          "Start of trading: the first decision is at the first cadence close after it (earlier candles warm the indicators up); default: the first candle.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "ISO",
      description = "End (exclusive); default: after the last candle.")
  String to;

  @Option(
      names = "--every",
      required = true,
      paramLabel = "BAR",
      description = "Decision cadence: decide at every close of these bars (5m, 15m, 1H, 4H …).")
  String every;

  @Option(
      names = "--decider",
      required = true,
      paramLabel = "NAME",
      description = "Who decides: " + Deciders.NAMES + ".")
  String decider;

  @Option(
      names = "--prompt-version",
      paramLabel = "ID",
      description = "Prompt version for the llm and cache deciders (default: the active one).")
  String promptVersion;

  @Option(
      names = "--timeframe",
      defaultValue = "4H",
      paramLabel = "BAR",
      description = "Analysis timeframe of the prompt (default: ${DEFAULT-VALUE}).")
  String timeframe;

  @Option(
      names = "--stop-pct",
      defaultValue = "1.0",
      description =
          "Fake deciders: stop distance in %% of the decision price (default: ${DEFAULT-VALUE}).")
  BigDecimal stopPct;

  @Option(
      names = "--take-pct",
      defaultValue = "2.0",
      description = "Fake deciders: take-profit distance in %% (default: ${DEFAULT-VALUE}).")
  BigDecimal takePct;

  @Option(
      names = "--equity-pct",
      defaultValue = "0.05",
      description =
          "Fake and heuristic deciders: share of equity committed as margin (default: ${DEFAULT-VALUE}).")
  BigDecimal equityPct;

  @Option(
      names = "--equity",
      defaultValue = "10000",
      description = "Starting equity in USDT (default: ${DEFAULT-VALUE}).")
  BigDecimal equity;

  @Option(
      names = "--taker-fee",
      defaultValue = "0.0005",
      description = "Taker fee rate on both legs (default: ${DEFAULT-VALUE}).")
  BigDecimal takerFee;

  @Option(
      names = "--slippage-bps",
      defaultValue = "0",
      description =
          "Market fills move this many basis points against the order (default: ${DEFAULT-VALUE}).")
  BigDecimal slippageBps;

  @Option(
      names = "--funding",
      defaultValue = "off",
      paramLabel = "off|history",
      description = "Charge funding at the stored historical rates (default: ${DEFAULT-VALUE}).")
  String funding;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description =
          "A partial settings document (guardrails, execution) like the body of PUT /api/settings.")
  Path settings;

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description =
          "LLM spend this run may reach; needed when the estimate is over the daily budget.")
  BigDecimal maxCost;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the JSON report.")
  Path out;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write a self-contained HTML report.")
  Path html;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description =
          "Database for stored candles, funding, saved settings and the LLM cache (default: DATABASE_URL, else ./data/tai2 if it exists).")
  String databaseUrl;

  @Spec CommandSpec spec;

  /** Said after a successful run only, so bad input gets exactly one line. */
  private final List<String> notes = new ArrayList<>();

  /** Whether the progress line is on the terminal, so an error after it starts on a line of its own. */
  private boolean progressShown;

  @Override
  public Integer call() throws Exception {
    return HistoryCommand.quietly(() -> withoutLlmCallWarnings(this::backtest));
  }

  /**
   * The LLM client warns once per failed call; in a backtest each failure is in the report (a HOLD with its reason) or
   * ends the run with one line, so the warnings would only bury that line.
   */
  private static int withoutLlmCallWarnings(Callable<Integer> work) throws Exception {
    if (!(LoggerFactory.getLogger(LlmClient.class) instanceof Logger client)) {
      return work.call();
    }
    Level level = client.getLevel();
    client.setLevel(Level.ERROR);
    try {
      return work.call();
    } finally {
      client.setLevel(level);
    }
  }

  private int backtest() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    BacktestRequest request;
    try {
      request = request();
    } catch (InvalidFieldsException e) {
      err.println(
          "tai2 backtest: "
              + e.errors().stream()
                  .map(f -> option(f.path()) + ": " + f.message())
                  .collect(Collectors.joining("; ")));
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("tai2 backtest: " + e.getMessage());
      return 2;
    }
    boolean needsDatabase =
        !symbols.isEmpty() || request.fundingHistory() || Deciders.usesLlm(decider);
    Optional<DatabaseTarget> target = database(needsDatabase);
    try (HikariDataSource ds = target.map(HistoryDatabase::open).orElse(null)) {
      BacktestReport report;
      try {
        report = run(request, Optional.ofNullable(ds), err);
      } catch (InvalidFieldsException e) {
        err.println(
            "tai2 backtest: "
                + e.errors().stream()
                    .map(f -> option(f.path()) + ": " + f.message())
                    .collect(Collectors.joining("; ")));
        return 2;
      } catch (IllegalArgumentException e) {
        if (progressShown) {
          err.println();
        }
        err.println("tai2 backtest: " + e.getMessage());
        return 2;
      }
      Files.writeString(out, BacktestJson.write(report));
      if (html != null) {
        Files.writeString(html, BacktestHtml.render(report));
      }
      BacktestReport.Metrics m = report.metrics();
      err.println();
      notes.forEach(err::println);
      err.printf("done: %d decisions, %d trades%n", m.decisions(), m.trades());
      spec.commandLine()
          .getOut()
          .printf(
              "report=%s trades=%d net_pnl=%s return=%.4f max_drawdown=%.4f buy_and_hold=%.4f llm_calls=%d cost_usd=%s%n",
              out,
              m.trades(),
              m.netPnl().toPlainString(),
              m.returnPct(),
              m.maxDrawdownPct(),
              m.buyAndHoldReturnPct(),
              m.llmCalls(),
              m.llmCostUsd().toPlainString());
      return 0;
    }
  }

  private BacktestRequest request() {
    if (candles.isEmpty() == symbols.isEmpty()) {
      throw new IllegalArgumentException(
          "give either --candles INSTID=FILE (repeatable) or --symbols from the candle store");
    }
    if (!funding.equals("off") && !funding.equals("history")) {
      throw new IllegalArgumentException("--funding " + funding + ": use off or history");
    }
    if (OkxBarSize.of(timeframe).isEmpty()) {
      throw new IllegalArgumentException(
          "--timeframe " + timeframe + " is not an OKX bar size such as 1H or 4H");
    }
    Optional<String> settingsText = Optional.empty();
    if (settings != null) {
      try {
        settingsText = Optional.of(Files.readString(settings));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--settings " + settings + " cannot be read: " + e.getMessage());
      }
    }
    List<String> names = candles.isEmpty() ? symbols : List.copyOf(candles.keySet());
    return new BacktestRequest(
            names,
            Optional.ofNullable(from).map(v -> HistoryCommand.time("--from", v)),
            Optional.ofNullable(to).map(v -> HistoryCommand.time("--to", v)),
            every,
            decider,
            Optional.ofNullable(promptVersion).map(BacktestCommand::uuid),
            stopPct,
            takePct,
            equityPct,
            equity,
            takerFee,
            slippageBps,
            funding.equals("history"),
            settingsText,
            Optional.ofNullable(maxCost),
            timeframe)
        .checked();
  }

  private BacktestReport run(
      BacktestRequest request, Optional<HikariDataSource> ds, PrintWriter err) {
    Deciders.requireKnown(request.decider());
    Optional<CandleRepository> store = ds.map(d -> new CandleRepository(JdbcClient.create(d)));
    List<SymbolHistory> histories = new ArrayList<>();
    for (String symbol : request.symbols()) {
      SymbolHistory h =
          candles.containsKey(symbol)
              ? BacktestFiles.file(symbol, candles.get(symbol))
              : BacktestFiles.store(
                  store.orElseThrow(),
                  symbol,
                  request.from().orElse(Instant.EPOCH),
                  request.to().orElse(Instant.now()));
      if (request.fundingHistory() && candles.containsKey(symbol)) {
        h = BacktestFiles.withFunding(h, funding(store.orElseThrow(), symbol, h));
      }
      if (request.fundingHistory() && h.funding().isEmpty()) {
        throw new IllegalArgumentException(
            "--funding history: no funding rates of "
                + symbol
                + " are stored; run tai2 history fetch, or use --funding off");
      }
      if (!h.instrumentSource().equals("okx")) {
        notes.add("note: " + symbol + ": instrument rules " + h.instrumentSource());
      }
      histories.add(h);
    }
    BacktestSettings applied =
        BacktestSettings.apply(
            request.settings(),
            saved(
                ds,
                "guardrails",
                GuardrailSettings.defaults(Duration.ofSeconds(60)),
                SettingsJson::guardrails),
            saved(ds, "execution", ExecutionSettings.defaults(), SettingsJson::execution));
    MarketSettings market = MarketSettings.defaults();
    // wired only for an LLM decider: a rule decider's run must not depend on the LLM variables or
    // the reasoning settings
    Optional<Function<String, Decider>> llm =
        ds.filter(d -> Deciders.usesLlm(request.decider()))
            .map(
                d ->
                    LlmDeciders.factory(
                        request,
                        LlmWiring.of(d),
                        Backtest.decisionTimes(request, histories),
                        err::println));
    Decider chosen = Deciders.of(request, llm);
    Backtest backtest =
        new Backtest(
            request,
            histories,
            chosen,
            applied.guardrails(),
            applied.execution(),
            request.timeframe(),
            market.timeframes());
    return backtest.run(
        new BacktestProgress() {
          private long shown;

          @Override
          public void update(long done, long total) {
            long pct = total == 0 ? 100 : done * 100 / total;
            if (pct != shown || done == total) {
              shown = pct;
              err.printf("\rbacktest %s %3d%%  %d/%d bars", request.decider(), pct, done, total);
              err.flush();
              progressShown = true;
            }
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        });
  }

  private static NavigableMap<Long, BigDecimal> funding(
      CandleRepository store, String symbol, SymbolHistory h) {
    NavigableMap<Long, BigDecimal> rates = new TreeMap<>();
    Instant first = Instant.ofEpochMilli(h.ts()[0]).minus(Duration.ofHours(8));
    Instant last = Instant.ofEpochMilli(h.ts()[h.size() - 1]).plus(Duration.ofMinutes(1));
    for (FundingRateRecord f : store.funding(symbol, first, last)) {
      rates.put(f.fundingTime().toEpochMilli(), f.rate());
    }
    return rates;
  }

  private static <T> T saved(
      Optional<HikariDataSource> ds, String name, T defaults, BiFunction<String, T, T> read) {
    if (ds.isEmpty()) {
      return defaults;
    }
    SettingsRepository repository =
        new SettingsRepository(
            JdbcClient.create(ds.get()),
            new TransactionTemplate(new JdbcTransactionManager(ds.get())));
    return repository.find(name).map(json -> read.apply(json, defaults)).orElse(defaults);
  }

  /** The database to read: when named, or when the run needs one, or when the service's embedded one exists. */
  private Optional<DatabaseTarget> database(boolean needed) {
    String url = databaseUrl != null ? databaseUrl : System.getenv("DATABASE_URL");
    if (url != null && !url.isBlank()) {
      return Optional.of(DatabaseTarget.parse(url));
    }
    return needed || Files.exists(Path.of("data", "tai2.mv.db"))
        ? Optional.of(DatabaseTarget.embedded())
        : Optional.empty();
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--prompt-version "
              + value
              + " is not a prompt version id (a UUID; see GET /api/prompt-versions)");
    }
  }

  /** {@code stop_pct} → {@code --stop-pct}: the API's field as the CLI names it. */
  private static String option(String field) {
    String head = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
    return head.equals("settings") || head.equals("guardrails") || head.equals("execution")
        ? "--settings " + field
        : "--" + field.replace('_', '-');
  }
}
