package io.tai2.execution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.FundingPaymentRepository;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderRepository;
import io.tai2.history.SchemaDialect;
import io.tai2.history.TradeActivityRepository;
import io.tai2.history.TradeRepository;
import io.tai2.okx.FillInfo;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.PositionInfo;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimClock;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The executor and the reconciler against the in-process OKX simulator (real client, real signatures) and a fresh H2
 * database migrated by Flyway, as the default set-up runs it. BTC is pinned at 90000.05: bid 90000.0, ask 90000.1.
 */
final class ExecutionSim implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:30.123Z");
  static final Clock EXCHANGE_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SimAccount DEMO =
      new SimAccount("demo-key", "demo-secret", "demo-pass", true, false);
  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";

  /** Short bounded waits so the fault tests finish quickly; the bounds, not the timing, are what is tested. */
  static final ExecutionPolicy FAST =
      new ExecutionPolicy(
          3,
          Duration.ofMillis(20),
          2,
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15));

  final SimMarket market;
  final SimRestApi api;
  final SimServer server;
  final OkxConnection connection;
  final OkxTrading trading;

  /** tai2's own clock (row times, the not-found grace); tests move it. */
  final SimClock clock = new SimClock(Clock.fixed(NOW, ZoneOffset.UTC));

  final JdbcClient jdbc;
  final DriverManagerDataSource dataSource;
  final ExecutionRecords records;
  final SymbolLocks locks = new SymbolLocks();

  /** What the executor measured (order latency, slippage). */
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  final OrderExecutor executor;
  final Reconciler reconciler;
  final ExchangeFills exchangeFills;

  /** What the reconciler and the exchange-fills recorder told the operator, in order. */
  final List<TradingEvent> events = new CopyOnWriteArrayList<>();

  ExecutionSim() {
    this(Duration.ofSeconds(5));
  }

  ExecutionSim(Duration requestTimeout) {
    this(requestTimeout, EXCHANGE_CLOCK);
  }

  /** With the exchange's (and the client's) clock given: a {@link SimClock} the test moves, e.g. past a funding time. */
  ExecutionSim(Clock exchangeClock) {
    this(Duration.ofSeconds(5), exchangeClock);
  }

  private ExecutionSim(Duration requestTimeout, Clock exchangeClock) {
    market = SimMarket.randomWalk(exchangeClock, 7, 3_000, 1_440);
    api =
        new SimRestApi(exchangeClock, market, Map.of(DEMO.apiKey(), DEMO), new BigDecimal("10000"));
    server = new SimServer(api, market, 0);
    market.setPrice(BTC, new BigDecimal("90000.05"));
    market.setPrice(ETH, new BigDecimal("3000.005"));
    connection =
        new OkxConnection(
            new OkxClientConfig(
                URI.create("http://127.0.0.1:" + server.port()),
                Optional.of(new OkxKeys("demo-key", "demo-secret", "demo-pass")),
                true,
                requestTimeout),
            exchangeClock);
    trading = connection.current().trading();
    DriverManagerDataSource ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:execution-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure()
        .dataSource(ds)
        .locations(SchemaDialect.H2.flywayLocations().toArray(String[]::new))
        .placeholders(SchemaDialect.H2.flywayPlaceholders())
        .load()
        .migrate();
    dataSource = ds;
    jdbc = JdbcClient.create(ds);
    records =
        new ExecutionRecords(
            new OrderRepository(jdbc),
            new TradeRepository(jdbc),
            new TradeActivityRepository(jdbc),
            new ExecutionFeedbackRepository(jdbc),
            new DecisionRepository(jdbc),
            new TransactionTemplate(new JdbcTransactionManager(ds)));
    executor =
        new OrderExecutor(connection, records, locks, FAST, clock, new ExecutionMeters(meters));
    reconciler =
        new Reconciler(connection, records, locks, FAST, clock, market::instrument, events::add);
    exchangeFills =
        new ExchangeFills(
            connection,
            records.trades(),
            records.orders(),
            new FundingPaymentRepository(jdbc),
            clock,
            market::instrument,
            events::add);
  }

  Instrument instrument(String instId) {
    return market.instrument(instId).orElseThrow();
  }

  ExecutionResult execute(OrderPlan plan) {
    return executor.execute(plan, true, instrument(plan.symbol()));
  }

  /** A market entry at {@code contracts}, cross margin, net mode, 5x, sized at the pinned price. */
  static OrderPlan entry(
      String instId, String side, String contracts, String stopLoss, String takeProfit) {
    BigDecimal reference =
        instId.equals(BTC) ? new BigDecimal("90000.05") : new BigDecimal("3000.005");
    return new OrderPlan(
        UUID.randomUUID(),
        instId,
        side,
        "net",
        "cross",
        "market",
        new BigDecimal(contracts),
        false,
        Optional.ofNullable(stopLoss).map(BigDecimal::new),
        Optional.ofNullable(takeProfit).map(BigDecimal::new),
        new BigDecimal("5"),
        reference,
        NOW,
        "breakout above the range");
  }

  static OrderPlan close(String instId, String side, String contracts) {
    BigDecimal reference =
        instId.equals(BTC) ? new BigDecimal("90000.05") : new BigDecimal("3000.005");
    return new OrderPlan(
        UUID.randomUUID(),
        instId,
        side,
        "net",
        "cross",
        "market",
        new BigDecimal(contracts),
        true,
        Optional.empty(),
        Optional.empty(),
        BigDecimal.ONE,
        reference,
        NOW,
        "take the profit");
  }

  /** Order requests the simulator received (whatever became of them). */
  long orderPosts() {
    return api.journal().count("POST", "/api/v5/trade/order");
  }

  /** Distinct OKX orders carrying this client order id: filled ones from the fills, resting ones from the book. */
  Set<String> ordersOnExchange(String instId, String clOrdId) {
    Set<String> ids =
        trading.fills(Optional.of(instId), NOW.minus(Duration.ofHours(1))).stream()
            .filter(f -> f.clOrdId().equals(clOrdId))
            .map(FillInfo::ordId)
            .collect(Collectors.toSet());
    trading.pendingOrders().stream()
        .filter(o -> o.clOrdId().equals(clOrdId))
        .forEach(o -> ids.add(o.ordId()));
    return ids;
  }

  BigDecimal position(String instId) {
    return trading.positions(Optional.of(instId)).stream()
        .map(PositionInfo::pos)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  OrderRecord order(String clOrdId) {
    return records.orders().findByClientOrderId(clOrdId).orElseThrow();
  }

  List<ExecutedTrade> trades(String clOrdId) {
    return records.trades().recent(100).stream()
        .filter(t -> t.clientOrderId().equals(Optional.of(clOrdId)))
        .toList();
  }

  long activity(String clOrdId) {
    return jdbc.sql("SELECT COUNT(*) FROM trade_activity WHERE client_order_id = ?")
        .param(clOrdId)
        .query(Long.class)
        .single();
  }

  List<ExecutionFeedback> feedback() {
    return records.feedback().active(clock.instant());
  }

  /** A decision row for a plan, so its execution status can be read back. */
  void decisionFor(OrderPlan plan) {
    records
        .decisions()
        .insert(
            new DecisionRecord(
                plan.decisionId(),
                NOW,
                plan.symbol(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "ACCEPTED",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  String decisionStatus(OrderPlan plan) {
    return records.decisions().find(plan.decisionId()).orElseThrow().executionStatus().orElse("");
  }

  @Override
  public void close() {
    connection.close();
    server.close();
  }
}
