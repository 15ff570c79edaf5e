package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every repository round-trips on the real SQL of each database; subclasses give the database. */
abstract class HistoryRepositoriesContract {

  static final Instant T0 = Instant.parse("2026-11-20T12:00:00.123Z");

  JdbcClient jdbc;
  TransactionTemplate tx;

  abstract DataSource dataSource();

  static void migrate(DataSource ds, SchemaDialect dialect) {
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect.flywayLocations().toArray(String[]::new))
        .placeholders(dialect.flywayPlaceholders())
        .load()
        .migrate();
  }

  @BeforeEach
  void clean() {
    jdbc = JdbcClient.create(dataSource());
    tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    for (String table :
        new String[] {
          "executed_trades",
          "orders",
          "decisions",
          "prompt_versions",
          "settings",
          "settings_audit",
          "equity_history",
          "execution_feedback",
          "risk_locks",
          "trading_pairs",
          "trade_activity",
          "scheduler_outcomes"
        }) {
      jdbc.sql("DELETE FROM " + table).update();
    }
  }

  static ExecutedTrade trade(Instant at, String clOrdId, String fee) {
    return new ExecutedTrade(
        UUID.randomUUID(),
        at,
        "BTC-USDT-SWAP",
        "BTC-USDT-SWAP",
        "buy",
        new BigDecimal("12"),
        new BigDecimal("91234.56789"),
        new BigDecimal("0.12"),
        Optional.of(clOrdId),
        Optional.of("breakout ✓"),
        Optional.empty(),
        Optional.ofNullable(fee).map(BigDecimal::new));
  }

  @Test
  void givenTrades_whenRoundTripped_thenEveryFieldAndTheNewestFirstOrderSurvive() {
    TradeRepository trades = new TradeRepository(jdbc);
    ExecutedTrade first = trade(T0, "a1", "-1.25");
    ExecutedTrade second = trade(T0.plusSeconds(60), "a2", null);
    trades.insert(first);
    trades.insert(second);

    assertThat(trades.recent(10)).containsExactly(second, first);
    assertThat(trades.recent(1)).containsExactly(second);
    assertThat(trades.feesSince(T0)).isEqualByComparingTo("1.25");
    assertThat(trades.feesSince(T0.plusSeconds(1))).isEqualByComparingTo("0");
  }

  static ExecutedTrade trade(
      Instant at, String symbol, String side, String size, String pnl, String fee) {
    return new ExecutedTrade(
        UUID.randomUUID(),
        at,
        symbol,
        symbol,
        side,
        new BigDecimal(size),
        new BigDecimal("100"),
        new BigDecimal(size).multiply(new BigDecimal("0.01")).stripTrailingZeros(),
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(pnl).map(BigDecimal::new),
        Optional.ofNullable(fee).map(BigDecimal::new));
  }

  @Test
  void givenTrades_whenAPageIsAsked_thenFiltersSortPagingAndTotalsOverAllMatchesHold() {
    TradeRepository trades = new TradeRepository(jdbc);
    ExecutedTrade a = trade(T0, "BTC-USDT-SWAP", "buy", "3", null, "-0.5");
    ExecutedTrade b = trade(T0.plusSeconds(60), "BTC-USDT-SWAP", "sell", "3", "12.5", "-0.6");
    ExecutedTrade c = trade(T0.plusSeconds(120), "ETH-USDT-SWAP", "buy", "10", null, "-0.2");
    ExecutedTrade d = trade(T0.plusSeconds(180), "ETH-USDT-SWAP", "sell", "10", "-4", "-0.25");
    ExecutedTrade e = trade(T0.plusSeconds(240), "BTC-USDT-SWAP", "buy", "1", null, null);
    List.of(a, b, c, d, e).forEach(trades::insert);
    Optional<String> none = Optional.empty();

    TradeQuery.Page all = trades.page(TradeQuery.newest());
    assertThat(all.rows()).containsExactly(e, d, c, b, a);
    assertThat(all.total()).isEqualTo(5);
    assertThat(all.realisedPnl()).isEqualByComparingTo("8.5");
    assertThat(all.fees()).isEqualByComparingTo("-1.55");

    TradeQuery.Page btcSells =
        trades.page(
            new TradeQuery(
                Optional.of("btc-usdt-swap"),
                Optional.of("SELL"),
                Optional.empty(),
                Optional.empty(),
                "time",
                true,
                1,
                50));
    assertThat(btcSells.rows()).containsExactly(b);
    assertThat(btcSells.realisedPnl()).isEqualByComparingTo("12.5");

    TradeQuery.Page byPnl =
        trades.page(
            new TradeQuery(none, none, Optional.empty(), Optional.empty(), "pnl", false, 1, 50));
    assertThat(byPnl.rows()).as("ascending, no PnL last").startsWith(d, b);
    assertThat(byPnl.rows().subList(2, 5))
        .containsExactly(e, c, a); // equal (missing) PnL: newest first

    TradeQuery.Page secondPage =
        trades.page(
            new TradeQuery(
                none,
                none,
                Optional.of(T0.plusSeconds(60)),
                Optional.of(T0.plusSeconds(240)),
                "size",
                true,
                2,
                2));
    assertThat(secondPage.total()).as("b, c, d in the range").isEqualTo(3);
    assertThat(secondPage.rows())
        .containsExactly(b); // size desc: c (10), d (10) on page 1, then b (3)

    assertThatThrownBy(
            () ->
                new TradeQuery(
                    none,
                    none,
                    Optional.empty(),
                    Optional.empty(),
                    "price; DROP TABLE executed_trades",
                    true,
                    1,
                    50))
        .hasMessageContaining("sort must be one of");
    assertThatThrownBy(
            () ->
                new TradeQuery(
                    none,
                    Optional.of("short"),
                    Optional.empty(),
                    Optional.empty(),
                    "time",
                    true,
                    1,
                    50))
        .hasMessageContaining("side must be buy or sell");
  }

  @Test
  void
      givenATradeForAnOrder_whenTheSameFillIsRecordedAgain_thenThereIsStillOneRowAndTheFirstIsKept() {
    TradeRepository trades = new TradeRepository(jdbc);
    ExecutedTrade first = trade(T0, "once-1", "-0.5");

    assertThat(trades.insertOnce(first)).isTrue();
    assertThat(trades.insertOnce(trade(T0.plusSeconds(5), "once-1", "-0.7"))).isFalse();
    assertThatThrownBy(() -> trades.insert(trade(T0.plusSeconds(6), "once-1", null)))
        .as("the unique index refuses a second row even past insertOnce")
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(trades.findByClientOrderId("once-1")).contains(first);
    assertThat(trades.findByClientOrderId("absent")).isEmpty();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM executed_trades").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void givenTradesWithoutClientOrderIds_whenInserted_thenMoreThanOneIsAllowed() {
    TradeRepository trades = new TradeRepository(jdbc);
    ExecutedTrade manual = trade(T0, "x", null);
    trades.insert(
        new ExecutedTrade(
            UUID.randomUUID(),
            T0,
            manual.symbol(),
            manual.instrument(),
            "buy",
            manual.size(),
            manual.price(),
            manual.amount(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    trades.insert(
        new ExecutedTrade(
            UUID.randomUUID(),
            T0,
            manual.symbol(),
            manual.instrument(),
            "sell",
            manual.size(),
            manual.price(),
            manual.amount(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));

    assertThat(trades.recent(10)).hasSize(2);
  }

  @Test
  void
      givenFilledEntriesAndCloses_whenTheLastEntryIsAsked_thenTheNewestFilledEntryOfThatSymbolIsFound() {
    OrderRepository orders = new OrderRepository(jdbc);
    orders.insertIntent(intent("old-entry"));
    orders.recordFill(
        "old-entry",
        OrderStatus.FILLED,
        new BigDecimal("3100"),
        new BigDecimal("3"),
        new BigDecimal("-0.4"),
        T0.plusSeconds(1));
    orders.insertIntent(intent("new-entry"));
    orders.recordFill(
        "new-entry",
        OrderStatus.FILLED,
        new BigDecimal("3120"),
        new BigDecimal("3"),
        new BigDecimal("-0.4"),
        T0.plusSeconds(5));
    orders.insertIntent(intent("unfilled"));
    OrderRecord close = intent("a-close");
    orders.insertIntent(
        new OrderRecord(
            UUID.randomUUID(),
            "a-close",
            close.decisionId(),
            close.symbol(),
            "buy",
            close.posSide(),
            "market",
            "isolated",
            close.sizeContracts(),
            Optional.empty(),
            true,
            Optional.empty(),
            Optional.empty(),
            OrderStatus.INTENT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T0,
            T0));
    orders.recordFill(
        "a-close",
        OrderStatus.FILLED,
        new BigDecimal("3000"),
        new BigDecimal("3"),
        new BigDecimal("-0.4"),
        T0.plusSeconds(9));

    assertThat(orders.lastFilledEntry("ETH-USDT-SWAP"))
        .hasValueSatisfying(
            o -> {
              assertThat(o.clientOrderId()).isEqualTo("new-entry");
              assertThat(o.stopLoss())
                  .hasValueSatisfying(sl -> assertThat(sl).isEqualByComparingTo("3300.5"));
            });
    assertThat(orders.lastFilledEntry("BTC-USDT-SWAP")).isEmpty();
  }

  static OrderRecord intent(String clOrdId) {
    return new OrderRecord(
        UUID.randomUUID(),
        clOrdId,
        Optional.of(UUID.randomUUID()),
        "ETH-USDT-SWAP",
        "sell",
        Optional.of("short"),
        "market",
        "isolated",
        new BigDecimal("3"),
        Optional.empty(),
        false,
        Optional.of(new BigDecimal("3300.5")),
        Optional.of(new BigDecimal("2900")),
        OrderStatus.INTENT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        T0,
        T0);
  }

  @Test
  void
      givenOrderIntent_whenStoredAndUpdated_thenTheOutcomeIsRecordedAndResolvedOrdersLeaveTheReconcileList() {
    OrderRepository orders = new OrderRepository(jdbc);
    OrderRecord intent = intent("d1e2f3");
    orders.insertIntent(intent);
    orders.insertIntent(intent("other"));

    assertThat(orders.findByClientOrderId("d1e2f3")).contains(intent);
    assertThat(
            orders.updateStatus(
                "d1e2f3",
                OrderStatus.SENT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                T0))
        .isTrue();
    assertThat(
            orders.updateStatus(
                "d1e2f3",
                OrderStatus.UNKNOWN,
                Optional.empty(),
                Optional.of("50001"),
                Optional.of("timeout"),
                T0.plusSeconds(1)))
        .isTrue();
    assertThat(
            orders.updateStatus(
                "d1e2f3",
                OrderStatus.LIVE,
                Optional.of("ex-77"),
                Optional.empty(),
                Optional.empty(),
                T0.plusSeconds(2)))
        .isTrue();
    assertThat(
            orders.recordFill(
                "d1e2f3",
                OrderStatus.FILLED,
                new BigDecimal("3101.5"),
                new BigDecimal("3"),
                new BigDecimal("-0.46"),
                T0.plusSeconds(3)))
        .isTrue();
    assertThat(
            orders.updateStatus(
                "missing",
                OrderStatus.LIVE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                T0))
        .isFalse();

    OrderRecord filled = orders.findByClientOrderId("d1e2f3").orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.exchangeOrderId()).contains("ex-77");
    assertThat(filled.fillPrice())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3101.5"));
    assertThat(filled.fee()).hasValueSatisfying(f -> assertThat(f).isEqualByComparingTo("-0.46"));
    assertThat(filled.updatedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(orders.unresolved()).extracting(OrderRecord::clientOrderId).containsExactly("other");
  }

  @Test
  void givenAFilledOrder_whenLateWritesArrive_thenTheDatabaseRefusesThemAndTheRowKeepsItsFill() {
    OrderRepository orders = new OrderRepository(jdbc);
    orders.insertIntent(intent("late-1"));
    orders.updateStatus(
        "late-1", OrderStatus.SENT, Optional.empty(), Optional.empty(), Optional.empty(), T0);
    orders.updateStatus(
        "late-1",
        OrderStatus.FILLED,
        Optional.of("ex-9"),
        Optional.empty(),
        Optional.empty(),
        T0.plusSeconds(1));
    assertThat(
            orders.recordFill(
                "late-1",
                OrderStatus.FILLED,
                new BigDecimal("3100"),
                new BigDecimal("3"),
                new BigDecimal("-0.4"),
                T0.plusSeconds(2)))
        .as("the same state again is applied: the fill's numbers follow its status")
        .isTrue();

    boolean staleLive =
        orders.updateStatus(
            "late-1",
            OrderStatus.LIVE,
            Optional.of("ex-9"),
            Optional.empty(),
            Optional.empty(),
            T0.plusSeconds(3));
    boolean staleUnknown =
        orders.updateStatus(
            "late-1",
            OrderStatus.UNKNOWN,
            Optional.empty(),
            Optional.of("50001"),
            Optional.of("timeout"),
            T0.plusSeconds(4));
    boolean canceledAfterFill =
        orders.updateStatus(
            "late-1",
            OrderStatus.CANCELED,
            Optional.empty(),
            Optional.of("not_found"),
            Optional.of("gone"),
            T0.plusSeconds(5));
    boolean partialAfterFill =
        orders.recordFill(
            "late-1",
            OrderStatus.PARTIALLY_FILLED,
            new BigDecimal("1"),
            new BigDecimal("1"),
            BigDecimal.ZERO,
            T0.plusSeconds(6));

    assertThat(List.of(staleLive, staleUnknown, canceledAfterFill, partialAfterFill))
        .containsOnly(false);
    OrderRecord row = orders.findByClientOrderId("late-1").orElseThrow();
    assertThat(row.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(row.fillPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3100"));
    assertThat(row.fillSize()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3"));
    assertThat(row.errorCode()).isEmpty();
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void
      givenAPartlyFilledOrder_whenAStaleLiveOrASecondSendArrives_thenTheyAreRefusedAndItStillFillsAndCancels() {
    OrderRepository orders = new OrderRepository(jdbc);
    orders.insertIntent(intent("late-2"));
    orders.updateStatus(
        "late-2", OrderStatus.SENT, Optional.empty(), Optional.empty(), Optional.empty(), T0);
    orders.updateStatus(
        "late-2",
        OrderStatus.PARTIALLY_FILLED,
        Optional.of("ex-10"),
        Optional.empty(),
        Optional.empty(),
        T0.plusSeconds(1));

    assertThat(
            orders.updateStatus(
                "late-2",
                OrderStatus.LIVE,
                Optional.of("ex-10"),
                Optional.empty(),
                Optional.empty(),
                T0.plusSeconds(2)))
        .isFalse();
    assertThat(
            orders.updateStatus(
                "late-2",
                OrderStatus.SENT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                T0.plusSeconds(2)))
        .isFalse();
    assertThat(
            orders.updateStatus(
                "late-2",
                OrderStatus.REJECTED,
                Optional.empty(),
                Optional.of("51008"),
                Optional.of("margin"),
                T0.plusSeconds(2)))
        .isFalse();
    assertThat(orders.findByClientOrderId("late-2").orElseThrow().status())
        .isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(
            orders.recordFill(
                "late-2",
                OrderStatus.CANCELED,
                new BigDecimal("3100"),
                new BigDecimal("1"),
                new BigDecimal("-0.1"),
                T0.plusSeconds(3)))
        .as("the rest canceled after a partial fill")
        .isTrue();
    assertThat(orders.findByClientOrderId("late-2").orElseThrow().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(orders.unresolved()).isEmpty();
  }

  @Test
  void givenOrderIntent_whenTheSameClientOrderIdIsStoredAgain_thenItIsRefused() {
    OrderRepository orders = new OrderRepository(jdbc);
    orders.insertIntent(intent("dup-1"));

    assertThatThrownBy(() -> orders.insertIntent(intent("dup-1")))
        .isInstanceOf(DuplicateClientOrderIdException.class)
        .hasMessageContaining("dup-1")
        .hasMessageContaining("must not be sent twice");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void givenEquitySamples_whenHistoryIsAsked_thenTheNewestNComeOldestFirst() {
    EquityRepository equity = new EquityRepository(jdbc);
    for (int i = 0; i < 5; i++) {
      equity.insert(
          new EquitySample(
              T0.plusSeconds(i * 60L),
              Optional.of(BigDecimal.valueOf(1000 + i)),
              Optional.empty(),
              Optional.of(new BigDecimal("1000.5"))));
    }

    assertThat(equity.history(3))
        .extracting(s -> s.accountEquity().orElseThrow().intValue())
        .containsExactly(1002, 1003, 1004);
    assertThat(equity.since(T0.plusSeconds(180))).hasSize(2);
    assertThat(equity.history(1).getFirst().totalAccountValue()).isEmpty();
  }

  @Test
  void
      givenMinuteSamplesOverTwoHours_whenDownsampled_thenTheFirstOfEachOldHourStaysAndRecentOnesAreKept() {
    EquityRepository equity = new EquityRepository(jdbc);
    Instant hour = Instant.parse("2026-11-20T10:00:00Z");
    for (int i = 0; i < 120; i++) {
      equity.insert(
          new EquitySample(
              hour.plusSeconds(60L * i),
              Optional.of(BigDecimal.valueOf(i)),
              Optional.empty(),
              Optional.empty()));
    }

    int removed = equity.downsampleBefore(hour.plusSeconds(3600));

    assertThat(removed).as("59 of the first hour's 60 samples").isEqualTo(59);
    assertThat(equity.since(hour)).hasSize(61);
    assertThat(equity.since(hour).getFirst().accountEquity()).contains(BigDecimal.ZERO);
    assertThat(equity.latestAtOrBefore(hour.plusSeconds(3600 + 90)))
        .hasValueSatisfying(
            sample -> assertThat(sample.accountEquity().orElseThrow()).isEqualByComparingTo("61"));
    assertThat(equity.latestAtOrBefore(hour.minusSeconds(1))).isEmpty();
    assertThat(equity.earliestAtOrAfter(hour.minusSeconds(1)))
        .hasValueSatisfying(sample -> assertThat(sample.observedAt()).isEqualTo(hour));
    assertThat(equity.earliestAtOrAfter(hour.plusSeconds(3600 + 30)).orElseThrow().accountEquity())
        .contains(BigDecimal.valueOf(61));
    assertThat(equity.earliestAtOrAfter(hour.plusSeconds(7200))).isEmpty();
  }

  @Test
  void givenPromptVersions_whenListed_thenNewestFirstAndFoundById() {
    PromptVersionRepository versions = new PromptVersionRepository(jdbc);
    PromptVersion base =
        new PromptVersion(
            UUID.randomUUID(),
            "base",
            "system",
            "decide",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T0);
    PromptVersion child =
        new PromptVersion(
            UUID.randomUUID(),
            "tighter stops",
            "system 2",
            "decide 2",
            Optional.of("{\"type\":\"object\"}"),
            Optional.of("notes"),
            Optional.of(base.id()),
            T0.plusSeconds(5));
    versions.insert(base);
    versions.insert(child);

    assertThat(versions.list(10)).containsExactly(child, base);
    assertThat(versions.find(child.id())).contains(child);
    assertThat(versions.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void givenSettings_whenSavedTwice_thenDocumentsAreUpsertedAndEachSaveIsAudited() {
    SettingsRepository settings = new SettingsRepository(jdbc, tx);
    settings.saveWithAudit(
        Map.of("guardrails", "{\"max_leverage\":5}", "scheduler", "{\"interval\":300}"),
        "admin",
        Optional.empty(),
        "{\"v\":1}",
        T0);
    settings.saveWithAudit(
        Map.of("guardrails", "{\"max_leverage\":3}"),
        "admin",
        Optional.of("{\"v\":1}"),
        "{\"v\":2}",
        T0.plusSeconds(1));

    assertThat(settings.find("guardrails"))
        .hasValueSatisfying(v -> assertThat(v.replace(" ", "")).isEqualTo("{\"max_leverage\":3}"));
    assertThat(settings.findAll()).containsOnlyKeys("guardrails", "scheduler");
    assertThat(settings.find("absent")).isEmpty();
    assertThat(settings.audit(10))
        .extracting(SettingsRepository.AuditEntry::changedAt)
        .containsExactly(T0.plusSeconds(1), T0);
    assertThat(settings.audit(10).getFirst().before()).isPresent();
  }

  @Test
  void givenASaveWhoseAuditFails_whenSaved_thenNothingIsSaved() {
    SettingsRepository settings = new SettingsRepository(jdbc, tx);
    settings.saveWithAudit(
        Map.of("guardrails", "{\"max_leverage\":5}"), "admin", Optional.empty(), "{\"v\":1}", T0);

    // after_doc is NOT NULL: a null audit document makes the audit insert fail after the settings
    // update ran.
    assertThatThrownBy(
            () ->
                settings.saveWithAudit(
                    Map.of("guardrails", "{\"max_leverage\":9}"),
                    "admin",
                    Optional.empty(),
                    null,
                    T0.plusSeconds(1)))
        .isInstanceOf(RuntimeException.class);

    assertThat(settings.find("guardrails"))
        .hasValueSatisfying(v -> assertThat(v.replace(" ", "")).isEqualTo("{\"max_leverage\":5}"));
    assertThat(settings.audit(10)).hasSize(1);
  }

  @Test
  void givenDecisions_whenRoundTripped_thenPromptReplyVerdictAndCostSurvive() {
    PromptVersionRepository versions = new PromptVersionRepository(jdbc);
    PromptVersion v =
        new PromptVersion(
            UUID.randomUUID(),
            "v",
            "s",
            "d",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T0);
    versions.insert(v);
    DecisionRepository decisions = new DecisionRepository(jdbc);
    DecisionRecord rejected =
        new DecisionRecord(
            UUID.randomUUID(),
            T0,
            "BTC-USDT-SWAP",
            Optional.of("4H"),
            Optional.of("openai/gpt-4o-mini"),
            Optional.of(v.id()),
            Optional.of("sha256:ab"),
            Optional.of("prompt text"),
            Optional.of("```json {\"action\":\"BUY\"} ```"),
            Optional.of("{\"action\":\"BUY\"}"),
            "REJECTED",
            Optional.of("stop_loss missing"),
            Optional.of("{\"rules\":[]}"),
            Optional.of(1234L),
            Optional.of(900),
            Optional.of(120),
            Optional.of(new BigDecimal("0.00042")),
            Optional.of(T0.minusSeconds(2)),
            Optional.of(new BigDecimal("60000.1")),
            Optional.of("ab:B"),
            Optional.of("paper"));
    DecisionRecord hold =
        new DecisionRecord(
            UUID.randomUUID(),
            T0.plusSeconds(1),
            "ETH-USDT-SWAP",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "HOLD",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    decisions.insert(rejected);
    decisions.insert(hold);

    DecisionRecord found = decisions.find(rejected.id()).orElseThrow();
    assertThat(found.decisionJson().orElseThrow().replace(" ", ""))
        .isEqualTo("{\"action\":\"BUY\"}");
    assertThat(found.costUsd())
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.00042"));
    assertThat(found.rawReply()).isEqualTo(rejected.rawReply());
    assertThat(found.latencyMs()).contains(1234L);
    assertThat(decisions.recent(10))
        .extracting(DecisionRecord::id)
        .containsExactly(hold.id(), rejected.id());
    Optional<String> any = Optional.empty();
    assertThat(decisions.search(Optional.of("BTC-USDT-SWAP"), any, Optional.empty(), any, 10))
        .extracting(DecisionRecord::id)
        .containsExactly(rejected.id());
    assertThat(
            decisions.search(
                any,
                Optional.of("openai/gpt-4o-mini"),
                Optional.of(v.id()),
                Optional.of("REJECTED"),
                10))
        .hasSize(1);
    assertThat(decisions.search(any, any, Optional.empty(), Optional.of("ACCEPTED"), 10)).isEmpty();
    assertThat(decisions.search(any, any, Optional.empty(), any, 1))
        .extracting(DecisionRecord::id)
        .containsExactly(hold.id());
    assertThat(decisions.find(hold.id())).contains(hold);
    assertThat(found.snapshotAt()).isEqualTo(rejected.snapshotAt());
    assertThat(found.snapshotPrice())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("60000.1"));
    assertThat(found.versionChoice()).contains("ab:B");

    decisions.setExecutionStatus(hold.id(), "skipped: HOLD");
    assertThat(decisions.find(hold.id()).orElseThrow().executionStatus()).contains("skipped: HOLD");
    decisions.appendExecutionStatus(hold.id(), " → later");
    assertThat(decisions.find(hold.id()).orElseThrow().executionStatus())
        .contains("skipped: HOLD → later");
    assertThat(decisions.deleteOlderThan(T0.plusMillis(500))).isEqualTo(1);
    assertThat(decisions.recent(10)).extracting(DecisionRecord::id).containsExactly(hold.id());
  }

  @Test
  void givenRiskLock_whenSavedAndReplaced_thenTheLatestStateIsRead() {
    RiskLockRepository locks = new RiskLockRepository(jdbc, tx);
    RiskLock locked =
        new RiskLock(
            "daily_loss",
            true,
            Optional.of(new BigDecimal("10000")),
            Optional.of(T0),
            Optional.of(T0.plusSeconds(9)),
            Optional.of("3.10% drop"),
            T0.plusSeconds(9));
    locks.save(locked);
    assertThat(locks.find("daily_loss")).contains(locked);

    RiskLock reset =
        new RiskLock(
            "daily_loss",
            false,
            Optional.of(new BigDecimal("9690")),
            Optional.of(T0.plusSeconds(60)),
            Optional.empty(),
            Optional.empty(),
            T0.plusSeconds(60));
    locks.save(reset);
    assertThat(locks.all()).extracting(RiskLock::key).containsExactly("daily_loss");

    assertThat(locks.find("daily_loss")).contains(reset);
    assertThat(locks.find("other")).isEmpty();
  }

  @Test
  void givenSchedulerOutcomes_whenSavedAndReplaced_thenTheLastPerSymbolIsRead() {
    SchedulerOutcomeRepository outcomes = new SchedulerOutcomeRepository(jdbc, tx);
    UUID decision = UUID.fromString("6f1c2b7e-3a51-4d8e-9b0c-1a2b3c4d5e6f");
    SchedulerOutcome btc =
        new SchedulerOutcome(
            "BTC-USDT-SWAP", T0, "ran", Optional.of("ACCEPTED BUY: filled"), Optional.of(decision));
    SchedulerOutcome eth =
        new SchedulerOutcome(
            "ETH-USDT-SWAP", T0, "skipped", Optional.of("stale snapshot"), Optional.empty());
    outcomes.save(btc);
    outcomes.save(eth);
    SchedulerOutcome btcLater =
        new SchedulerOutcome(
            "BTC-USDT-SWAP", T0.plusSeconds(300), "error", Optional.empty(), Optional.empty());
    outcomes.save(btcLater);

    assertThat(outcomes.all()).containsExactly(btcLater, eth);
  }

  @Test
  void givenFeedback_whenSomeExpired_thenOnlyActiveEntriesAreReadAndClearingIsPerSymbol() {
    ExecutionFeedbackRepository feedback = new ExecutionFeedbackRepository(jdbc);
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            T0,
            "BTC-USDT-SWAP",
            "margin",
            "51008 insufficient margin",
            Optional.of("{\"reduce_size\":true}"),
            Optional.of(T0.plusSeconds(600))));
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            T0.plusSeconds(1),
            "ETH-USDT-SWAP",
            "guardrail",
            "cooldown",
            Optional.empty(),
            Optional.empty()));

    assertThat(feedback.active(T0.plusSeconds(10)))
        .extracting(ExecutionFeedback::symbol)
        .containsExactly("ETH-USDT-SWAP", "BTC-USDT-SWAP");
    assertThat(feedback.active(T0.plusSeconds(600)))
        .extracting(ExecutionFeedback::symbol)
        .containsExactly("ETH-USDT-SWAP");
    assertThat(feedback.clear(Optional.of("eth-usdt-swap"))).isEqualTo(1);
    assertThat(feedback.clear(Optional.empty())).isEqualTo(1);
    assertThat(feedback.active(T0)).isEmpty();
  }

  @Test
  void givenTradingPairs_whenReplaced_thenTheOperatorsOrderIsKeptAndOthersAreDisabled() {
    TradingPairRepository pairs = new TradingPairRepository(jdbc, tx);
    pairs.replaceEnabled(List.of("SOL-USDT-SWAP", "BTC-USDT-SWAP", "ETH-USDT-SWAP"), T0);
    assertThat(pairs.enabled()).containsExactly("SOL-USDT-SWAP", "BTC-USDT-SWAP", "ETH-USDT-SWAP");

    pairs.replaceEnabled(List.of("ETH-USDT-SWAP", "SOL-USDT-SWAP"), T0.plusSeconds(1));

    assertThat(pairs.enabled()).containsExactly("ETH-USDT-SWAP", "SOL-USDT-SWAP");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM trading_pairs").query(Long.class).single())
        .isEqualTo(3);
  }

  @Test
  void givenFills_whenActivityIsAsked_thenLastFillPerSymbolAndTheWindowCountAreRight() {
    TradeActivityRepository activity = new TradeActivityRepository(jdbc);
    assertThat(activity.lastFill("BTC-USDT-SWAP")).isEmpty();
    activity.recordFill("BTC-USDT-SWAP", "c1", T0);
    activity.recordFill("BTC-USDT-SWAP", "c2", T0.plusSeconds(1800));
    activity.recordFill("ETH-USDT-SWAP", "c3", T0.plusSeconds(3000));
    assertThat(activity.recordFillOnce("ETH-USDT-SWAP", "c3", T0.plusSeconds(3100)))
        .as("the same order's fill counts once")
        .isFalse();
    assertThat(activity.recordFillOnce("ETH-USDT-SWAP", "c4", T0.minusSeconds(10))).isTrue();

    assertThat(activity.lastFill("BTC-USDT-SWAP")).contains(T0.plusSeconds(1800));
    assertThat(activity.fillsSince(T0.plusSeconds(1))).isEqualTo(2);
    assertThat(activity.fillsSince(T0)).isEqualTo(3);
    assertThat(activity.fillsSince(T0.minusSeconds(10))).isEqualTo(4);
  }
}
