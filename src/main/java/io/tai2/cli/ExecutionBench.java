package io.tai2.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.execution.ExecutionPolicy;
import io.tai2.execution.ExecutionRecords;
import io.tai2.execution.ExecutionResult;
import io.tai2.execution.GuardrailInput;
import io.tai2.execution.GuardrailVerdict;
import io.tai2.execution.Guardrails;
import io.tai2.execution.OrderExecutor;
import io.tai2.execution.SymbolLocks;
import io.tai2.history.DatabaseDurability;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.OrderRepository;
import io.tai2.history.SchemaDialect;
import io.tai2.history.TradeActivityRepository;
import io.tai2.history.TradeRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxTrading;
import io.tai2.reasoning.Assessment;
import io.tai2.reasoning.Decision;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimClock;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decision-to-order latency, LLM excluded: a validated BUY goes through the guardrails and the executor (intent stored,
 * leverage set unless OKX confirmed it, order placed with SL/TP) against the in-process simulator on loopback with the
 * service's default database (embedded H2 file behind a Hikari pool), then a CLOSE takes it off. Every BUY asks for the
 * same leverage, so after the first one it is confirmed (docs/OPERATIONS.md "Leverage"). Reports the guardrail time, the time until OKX accepted the order, and the whole execution
 * (with the fill read back and the protection verified), each as p50/p99/max.
 */
final class ExecutionBench {

  private static final String BTC = "BTC-USDT-SWAP";
  private static final Duration PACE = Duration.ofMillis(500);

  private ExecutionBench() {}

  static Map<String, Object> run(int orders, PrintWriter err)
      throws InterruptedException, IOException {
    Path dir = Files.createTempDirectory("tai2-bench-db");
    try (HikariDataSource ds = database(dir)) {
      return run(orders, err, ds);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static Map<String, Object> run(int orders, PrintWriter err, DataSource ds)
      throws InterruptedException {
    SimClock clock = new SimClock(Clock.systemUTC());
    SimMarket market = SimMarket.randomWalk(clock, 11, 2_000, 1_440, 0);
    SimAccount account = new SimAccount("bench-key", "bench-secret", "bench-pass", true, false);
    SimRestApi api =
        new SimRestApi(clock, market, Map.of(account.apiKey(), account), new BigDecimal("1000000"));
    JdbcClient jdbc = JdbcClient.create(ds);
    ExecutionRecords records =
        new ExecutionRecords(
            new OrderRepository(jdbc),
            new TradeRepository(jdbc),
            new TradeActivityRepository(jdbc),
            new ExecutionFeedbackRepository(jdbc),
            new DecisionRepository(jdbc),
            new TransactionTemplate(new JdbcTransactionManager(ds)));
    List<Long> guardrailNanos = new ArrayList<>();
    List<Long> acceptedNanos = new ArrayList<>();
    List<Long> executeNanos = new ArrayList<>();
    int filled = 0;
    try (SimServer server = new SimServer(api, market, 0);
        OkxConnection okx =
            new OkxConnection(
                new OkxClientConfig(
                    URI.create("http://127.0.0.1:" + server.port()),
                    Optional.of(new OkxKeys(account.apiKey(), "bench-secret", "bench-pass")),
                    true,
                    Duration.ofSeconds(10)),
                Clock.systemUTC())) {
      OrderExecutor executor =
          new OrderExecutor(
              okx, records, new SymbolLocks(), ExecutionPolicy.defaults(), Clock.systemUTC());
      Instrument instrument = market.instrument(BTC).orElseThrow();
      OkxTrading trading = okx.current().trading();
      GuardrailSettings guardrails =
          new GuardrailSettings(
              BigDecimal.ONE,
              new BigDecimal("5"),
              0.5,
              new BigDecimal("0.2"),
              Map.of(),
              new BigDecimal("0.03"),
              Duration.ZERO,
              0,
              Duration.ofHours(1),
              true,
              Duration.ofSeconds(900),
              false,
              true,
              Duration.ofMinutes(10),
              50,
              BigDecimal.ZERO,
              true);
      ExecutionSettings execution =
          new ExecutionSettings(true, "cross", "market", BigDecimal.ZERO, Map.of());
      for (int i = 0; i < orders; i++) {
        // OKX allows 10 position reads per 2 s; the pause keeps the client's rate limiter out of
        // the measured window.
        Thread.sleep(PACE);
        boolean entry = i % 2 == 0;
        BigDecimal price = okx.current().market().ticker(BTC).last();
        Decision decision = entry ? buy(price) : new Decision.Close(assessment());
        GuardrailInput input =
            input(decision, price, trading, guardrails, execution, instrument, clock.instant());
        long start = System.nanoTime();
        GuardrailVerdict verdict = Guardrails.evaluate(input);
        long evaluated = System.nanoTime();
        if (!(verdict instanceof GuardrailVerdict.Approved approved)) {
          throw new IllegalStateException(
              "the bench's decision was not approved: " + verdict.toJson());
        }
        ExecutionResult result = executor.execute(approved.plan(), true, instrument);
        long done = System.nanoTime();
        guardrailNanos.add(evaluated - start);
        executeNanos.add(done - start);
        result.acceptedAfter().ifPresent(d -> acceptedNanos.add(evaluated - start + d.toNanos()));
        if (result instanceof ExecutionResult.Filled) {
          filled++;
        }
        if ((i + 1) % 50 == 0) {
          err.printf("tai2 bench: %d/%d orders%n", i + 1, orders);
          err.flush();
        }
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("orders", orders);
    report.put("filled", filled);
    report.put("guardrails_us", stats(guardrailNanos, 1_000));
    report.put("decision_to_order_accepted_ms", stats(acceptedNanos, 1_000_000));
    report.put("decision_to_filled_and_protected_ms", stats(executeNanos, 1_000_000));
    report.put(
        "note",
        "LLM time excluded; loopback simulator and the service's embedded H2 file database (WRITE_DELAY=0, Hikari pool) in this process; the first 10% are warm-up and left out; orders 0.5 s apart so OKX's rate limits (10 position reads per 2 s) stay out of the figures");
    return report;
  }

  /**
   * The service's default database in {@code dir}: the embedded H2 file, every commit written before it returns
   * ({@code WRITE_DELAY=0}), behind a pool configured as the service's (application.properties), migrated by Flyway.
   */
  private static HikariDataSource database(Path dir) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        DatabaseTarget.EMBEDDED_JDBC_URL.replace("./data/tai2", dir.resolve("tai2").toString()));
    config.setUsername("sa");
    config.setPassword("");
    config.setPoolName("bench-db");
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(3_000);
    HikariDataSource ds = new HikariDataSource(config);
    try {
      DatabaseDurability.ensureDurable(ds);
      Flyway.configure()
          .dataSource(ds)
          .locations(SchemaDialect.H2.flywayLocations().toArray(String[]::new))
          .placeholders(SchemaDialect.H2.flywayPlaceholders())
          .load()
          .migrate();
      return ds;
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  private static Decision buy(BigDecimal price) {
    BigDecimal sl = price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN);
    BigDecimal tp = price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN);
    return new Decision.Buy(
        assessment(),
        Optional.of(new BigDecimal("0.05")),
        Optional.empty(),
        Optional.of(sl),
        Optional.of(tp));
  }

  private static Assessment assessment() {
    return new Assessment(
        new BigDecimal("0.8"),
        Optional.of(new BigDecimal("0.3")),
        "bench",
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  private static GuardrailInput input(
      Decision decision,
      BigDecimal price,
      OkxTrading trading,
      GuardrailSettings guardrails,
      ExecutionSettings execution,
      Instrument i,
      Instant now) {
    List<AccountSnapshot.Position> positions =
        trading.positions(Optional.of(BTC)).stream()
            .filter(p -> p.pos().signum() != 0)
            .map(
                p ->
                    new AccountSnapshot.Position(
                        BTC,
                        p.posSide(),
                        p.pos().signum() > 0 ? "long" : "short",
                        p.mgnMode(),
                        p.pos().abs(),
                        p.pos().abs().multiply(i.ctVal()),
                        i.ctValCcy(),
                        p.pos().abs().multiply(i.ctVal()).multiply(p.markPx()),
                        p.avgPx().orElse(null),
                        p.markPx(),
                        p.upl(),
                        p.lever(),
                        p.liqPx().orElse(null),
                        p.margin().orElse(null),
                        null,
                        null))
            .toList();
    BigDecimal equity = trading.balance().totalEq();
    return new GuardrailInput(
        UUID.randomUUID(),
        decision,
        BTC,
        now,
        new GuardrailInput.Prices(now, price, price, Optional.empty()),
        new MarketSnapshot.InstrumentSpec(
            BTC,
            i.ctVal(),
            i.ctValCcy(),
            i.tickSz(),
            i.lotSz(),
            i.minSz(),
            i.maxMktSz(),
            i.maxLeverage()),
        List.of(),
        new GuardrailInput.Account(equity, equity, GuardrailInput.PositionMode.NET, positions),
        guardrails,
        execution,
        GuardrailInput.RiskLockState.off(),
        GuardrailInput.Activity.none(),
        Optional.empty());
  }

  private static Map<String, Object> stats(List<Long> nanos, long unit) {
    List<Long> measured = new ArrayList<>(nanos.subList(nanos.size() / 10, nanos.size()));
    measured.sort(null);
    Map<String, Object> out = new LinkedHashMap<>();
    if (measured.isEmpty()) {
      return out;
    }
    out.put("p50", round(measured.get(measured.size() / 2), unit));
    out.put(
        "p99",
        round(
            measured.get(
                Math.min(measured.size() - 1, (int) Math.ceil(measured.size() * 0.99) - 1)),
            unit));
    out.put("max", round(measured.getLast(), unit));
    out.put("samples", measured.size());
    return out;
  }

  private static double round(long nanos, long unit) {
    return Math.round(nanos * 100.0 / unit) / 100.0;
  }
}
