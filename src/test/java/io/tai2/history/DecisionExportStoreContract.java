package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.testsupport.DecisionLogSeed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** The export's read of the decision log with its orders and trades, on the real SQL of each database. */
abstract class DecisionExportStoreContract {

  static final Instant T0 = Instant.parse("2026-11-20T12:00:00.123Z");
  static final String BTC = "BTC-USDT-SWAP";

  JdbcClient jdbc;
  DecisionRepository decisions;
  OrderRepository orders;
  TradeRepository trades;
  DecisionExportRepository export;

  abstract DataSource dataSource();

  @BeforeEach
  void clean() {
    jdbc = JdbcClient.create(dataSource());
    for (String table :
        new String[] {
          "executed_trades", "orders", "paper_trades", "paper_books", "decisions", "prompt_versions"
        }) {
      jdbc.sql("DELETE FROM " + table).update();
    }
    decisions = new DecisionRepository(jdbc);
    orders = new OrderRepository(jdbc);
    trades = new TradeRepository(jdbc);
    export = new DecisionExportRepository(jdbc);
  }

  static DecisionRecord decision(Instant at, String symbol, String model, Optional<UUID> version) {
    return new DecisionRecord(
        UUID.randomUUID(),
        at,
        symbol,
        Optional.of("1H"),
        Optional.of(model),
        version,
        Optional.of("hash"),
        Optional.of("system\n\nuser"),
        Optional.of("{\"action\":\"BUY\"}"),
        Optional.of("{\"action\":\"BUY\",\"confidence\":0.7}"),
        "ACCEPTED",
        Optional.empty(),
        Optional.of("{\"approved\":true}"),
        Optional.of(1200L),
        Optional.of(900),
        Optional.of(80),
        Optional.of(new BigDecimal("0.0012")),
        Optional.of(at.minusSeconds(5)),
        Optional.of(new BigDecimal("91234.5")),
        Optional.of("active"),
        Optional.of("filled: buy 2 ct"));
  }

  static OrderRecord order(UUID decisionId, String clientOrderId, Instant at, boolean reduceOnly) {
    return new OrderRecord(
        UUID.randomUUID(),
        clientOrderId,
        Optional.of(decisionId),
        BTC,
        reduceOnly ? "sell" : "buy",
        Optional.empty(),
        "market",
        "cross",
        new BigDecimal("2"),
        Optional.empty(),
        reduceOnly,
        Optional.empty(),
        Optional.empty(),
        OrderStatus.FILLED,
        Optional.of("ex-1"),
        Optional.of(new BigDecimal("91240")),
        Optional.of(new BigDecimal("2")),
        Optional.of(new BigDecimal("-0.09")),
        Optional.empty(),
        Optional.empty(),
        at,
        at);
  }

  static ExecutedTrade trade(String clientOrderId, Instant at, String pnl) {
    return new ExecutedTrade(
        UUID.randomUUID(),
        at,
        BTC,
        BTC,
        "buy",
        new BigDecimal("2"),
        new BigDecimal("91240"),
        new BigDecimal("0.02"),
        Optional.of(clientOrderId),
        Optional.empty(),
        Optional.ofNullable(pnl).map(BigDecimal::new),
        Optional.of(new BigDecimal("-0.09")));
  }

  static DecisionExportRepository.Selection all() {
    return new DecisionExportRepository.Selection(
        T0.minusSeconds(86_400),
        T0.plusSeconds(86_400),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void
      givenDecisionsInAndOutOfRange_whenPaged_thenOnlyTheRangeComesOldestFirstWithFromIncludedAndToExcluded() {
    DecisionRecord before = decision(T0.minusSeconds(86_401), BTC, "m", Optional.empty());
    DecisionRecord first = decision(T0.minusSeconds(86_400), BTC, "m", Optional.empty());
    DecisionRecord second = decision(T0, BTC, "m", Optional.empty());
    DecisionRecord atTo = decision(T0.plusSeconds(86_400), BTC, "m", Optional.empty());
    List.of(second, atTo, before, first).forEach(decisions::insert);

    List<DecisionExportRepository.Traced> page = export.page(all(), Optional.empty(), 10);

    // PostgreSQL's jsonb gives the JSON columns back re-spaced, so the records are compared by id
    // and one text column
    assertThat(page).extracting(t -> t.decision().id()).containsExactly(first.id(), second.id());
    assertThat(page.getFirst().decision().prompt()).contains("system\n\nuser");
    assertThat(page.getFirst().decision().snapshotPrice()).contains(new BigDecimal("91234.5"));
  }

  @Test
  void
      givenMoreDecisionsThanAPage_whenPagedByPosition_thenEveryDecisionComesOnceEvenWithEqualTimes() {
    List<DecisionRecord> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(
          decision(T0.plusSeconds(i / 3), BTC, "m", Optional.empty())); // three share each second
    }
    all.forEach(decisions::insert);

    List<UUID> seen = new ArrayList<>();
    Optional<DecisionExportRepository.Position> after = Optional.empty();
    for (int pages = 0; pages < 10; pages++) {
      List<DecisionExportRepository.Traced> page = export.page(all(), after, 2);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(t -> seen.add(t.decision().id()));
      after = Optional.of(page.getLast().position());
    }

    assertThat(seen)
        .hasSize(7)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(all.stream().map(DecisionRecord::id).toList());
  }

  @Test
  void givenFilters_whenPaged_thenSymbolModelAndVersionEachNarrowTheSelection() {
    UUID version = UUID.randomUUID();
    new PromptVersionRepository(jdbc)
        .insert(
            new PromptVersion(
                version,
                "v2",
                "system text\n\nwith a blank line",
                "decide",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                T0.minusSeconds(3_600)));
    DecisionRecord btcA = decision(T0, BTC, "model-a", Optional.of(version));
    DecisionRecord ethA = decision(T0.plusSeconds(1), "ETH-USDT-SWAP", "model-a", Optional.empty());
    DecisionRecord btcB = decision(T0.plusSeconds(2), BTC, "model-b", Optional.empty());
    List.of(btcA, ethA, btcB).forEach(decisions::insert);
    var s = all();

    assertThat(
            export.page(
                new DecisionExportRepository.Selection(
                    s.from(), s.to(), Optional.of(BTC), Optional.empty(), Optional.empty()),
                Optional.empty(),
                10))
        .extracting(t -> t.decision().id())
        .containsExactly(btcA.id(), btcB.id());
    assertThat(
            export.page(
                new DecisionExportRepository.Selection(
                    s.from(), s.to(), Optional.empty(), Optional.of("model-a"), Optional.empty()),
                Optional.empty(),
                10))
        .extracting(t -> t.decision().id())
        .containsExactly(btcA.id(), ethA.id());
    assertThat(
            export.page(
                new DecisionExportRepository.Selection(
                    s.from(), s.to(), Optional.empty(), Optional.empty(), Optional.of(version)),
                Optional.empty(),
                10))
        .extracting(t -> t.decision().id())
        .containsExactly(btcA.id());
  }

  @Test
  void
      givenADecisionWithAnEntryAndAnExit_whenPaged_thenItsOrdersAndTheirTradesComeWithItAndOthersHaveNone() {
    DecisionRecord traded = decision(T0, BTC, "m", Optional.empty());
    DecisionRecord quiet = decision(T0.plusSeconds(1), BTC, "m", Optional.empty());
    decisions.insert(traded);
    decisions.insert(quiet);
    orders.insertIntent(order(traded.id(), "t2entry", T0.plusSeconds(2), false));
    orders.insertIntent(order(traded.id(), "t2exit", T0.plusSeconds(60), true));
    trades.insert(trade("t2exit", T0.plusSeconds(61), "12.5"));
    trades.insert(trade("t2entry", T0.plusSeconds(3), "0"));
    trades.insert(
        trade(
            "unlinked",
            T0.plusSeconds(4),
            "99")); // a trade of no tai2 order belongs to no decision

    List<DecisionExportRepository.Traced> page = export.page(all(), Optional.empty(), 10);

    assertThat(page).hasSize(2);
    assertThat(page.get(0).orders())
        .extracting(OrderRecord::clientOrderId)
        .containsExactly("t2entry", "t2exit");
    assertThat(page.get(0).trades())
        .extracting(t -> t.clientOrderId().orElseThrow())
        .containsExactly("t2entry", "t2exit");
    assertThat(page.get(0).trades().get(1).pnl()).contains(new BigDecimal("12.5"));
    assertThat(page.get(1).orders()).isEmpty();
    assertThat(page.get(1).trades()).isEmpty();
  }

  @Test
  void
      givenLivePaperAndShadowDecisions_whenPaged_thenShadowsComeOnlyWhenAskedForAndEachPaperDecisionHasItsRoundTrip() {
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    UUID live = seed.decision(T0, BTC, "m", Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    UUID paper =
        seed.paperRoundTrip(
            "paper", DecisionRecord.PAPER, T0.plusSeconds(1), BTC, "m", Optional.empty(), "4.5");
    UUID shadow =
        seed.paperRoundTrip(
            "shadow: s @ v",
            DecisionRecord.SHADOW,
            T0.plusSeconds(2),
            BTC,
            "s",
            Optional.empty(),
            null);
    seed.decision(
        T0.plusSeconds(86_400),
        BTC,
        "m",
        Optional.empty(),
        "ACCEPTED",
        "HOLD",
        "0.01",
        1000,
        DecisionRecord.SHADOW); // after the range
    var s = all();

    List<DecisionExportRepository.Traced> withoutShadows = export.page(s, Optional.empty(), 10);
    List<DecisionExportRepository.Traced> withShadows =
        export.page(
            new DecisionExportRepository.Selection(
                s.from(), s.to(), s.symbol(), s.model(), s.version(), true),
            Optional.empty(),
            10);

    assertThat(withoutShadows).extracting(t -> t.decision().id()).containsExactly(live, paper);
    assertThat(withoutShadows)
        .extracting(t -> t.decision().source())
        .containsExactly("live", "paper");
    assertThat(withShadows).extracting(t -> t.decision().id()).containsExactly(live, paper, shadow);
    assertThat(withShadows.get(0).paperTrades()).isEmpty();
    PaperTrade paperTrip = withShadows.get(1).paperTrades().getFirst();
    assertThat(withShadows.get(1).paperTrades()).hasSize(1);
    assertThat(paperTrip.book()).isEqualTo("paper");
    assertThat(paperTrip.entryDecision()).isEqualTo(paper);
    assertThat(paperTrip.pnl()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("4.5"));
    assertThat(paperTrip.exitReason()).contains("stop");
    assertThat(withShadows.get(2).paperTrades())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.book()).isEqualTo("shadow: s @ v");
              assertThat(t.closed()).isFalse();
            });
  }

  @Test
  void
      givenAPaperRoundTripEndedByACloseDecision_whenPaged_thenBothTheEntryAndTheCloseDecisionCarryIt() {
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    UUID entry =
        seed.decision(
            T0, BTC, "m", Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000, DecisionRecord.PAPER);
    UUID close =
        seed.decision(
            T0.plusSeconds(600),
            BTC,
            "m",
            Optional.empty(),
            "ACCEPTED",
            "CLOSE",
            "0.01",
            1000,
            DecisionRecord.PAPER);
    PaperTrade trip =
        new PaperTrade(
            UUID.randomUUID(),
            "paper",
            BTC,
            "short",
            new BigDecimal("2"),
            new BigDecimal("0.02"),
            BigDecimal.TEN,
            T0.plusSeconds(1),
            new BigDecimal("100"),
            Optional.empty(),
            Optional.empty(),
            entry,
            Optional.of(T0.plusSeconds(601)),
            Optional.of(new BigDecimal("98")),
            Optional.of("close"),
            Optional.of(close),
            Optional.of(new BigDecimal("0.2")),
            Optional.of(BigDecimal.ZERO),
            Optional.of(new BigDecimal("4")),
            Optional.of(new BigDecimal("3.8")),
            Optional.of(new BigDecimal("2.5")),
            Optional.of(new BigDecimal("-0.5")));
    new PaperRepository(jdbc, TransactionOperations.withoutTransaction())
        .save("paper", "{}", T0.plusSeconds(601), List.of(), List.of(trip));

    List<DecisionExportRepository.Traced> page = export.page(all(), Optional.empty(), 10);

    assertThat(page).extracting(t -> t.decision().id()).containsExactly(entry, close);
    assertThat(page.get(0).paperTrades()).extracting(PaperTrade::id).containsExactly(trip.id());
    assertThat(page.get(1).paperTrades()).extracting(PaperTrade::id).containsExactly(trip.id());
    assertThat(page.get(1).paperTrades().getFirst().exitDecision()).contains(close);
  }

  @Test
  void givenFromAfterToOrAnEmptyPageSize_whenAsked_thenRefused() {
    assertThatThrownBy(
            () ->
                new DecisionExportRepository.Selection(
                    T0, T0.minusMillis(1), Optional.empty(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("from must not be after to");
    assertThatThrownBy(() -> export.page(all(), Optional.empty(), 0)).hasMessageContaining("size");
  }
}
