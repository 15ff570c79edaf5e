package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.DecisionLogSeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Decisions linked to the round trips their orders opened, on the real SQL of each database; subclasses give it. */
abstract class DecisionAttributionContract {

  static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
  static final Instant DAY_END = T0.plusSeconds(14 * 3600);
  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final String MODEL = "openai/gpt-4o-mini";

  JdbcClient jdbc;
  DecisionLogSeed seed;
  DecisionAttributionRepository attribution;

  abstract DataSource dataSource();

  @BeforeEach
  void clean() {
    jdbc = JdbcClient.create(dataSource());
    for (String table :
        new String[] {
          "executed_trades",
          "orders",
          "decisions",
          "prompt_versions",
          "funding_payments",
          "candles_1m"
        }) {
      jdbc.sql("DELETE FROM " + table).update();
    }
    seed = new DecisionLogSeed(jdbc);
    attribution = new DecisionAttributionRepository(jdbc);
  }

  DecisionAttribution of(List<DecisionAttribution> all, UUID id) {
    return all.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void
      givenAnEntryAndTheCloseDecisionThatEndedIt_whenAttributed_thenTheEntryCarriesTheRoundTripNetOfBothFees() {
    PromptVersion v = seed.version("tight stops", T0);
    UUID entry = seed.longRoundTrip(T0, BTC, MODEL, Optional.of(v.id()), "3.5");

    List<DecisionAttribution> all = attribution.between(T0, DAY_END, Optional.empty());

    assertThat(all).hasSize(2);
    DecisionAttribution opened = all.get(0);
    assertThat(opened.id()).isEqualTo(entry);
    assertThat(opened.promptVersionId()).contains(v.id());
    assertThat(opened.promptVersionName()).contains("tight stops");
    assertThat(opened.model()).contains(MODEL);
    assertThat(opened.action()).contains("BUY");
    assertThat(opened.llmCostUsd()).contains(new BigDecimal("0.01"));
    assertThat(opened.latencyMs()).contains(1000L);
    assertThat(opened.entered()).contains(T0.plusSeconds(5));
    assertThat(opened.realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3.3"));
    assertThat(opened.closedAt()).contains(T0.plusSeconds(3605));
    assertThat(opened.holding()).contains(Duration.ofSeconds(3600));
    DecisionAttribution close = all.get(1);
    assertThat(close.action()).contains("CLOSE");
    assertThat(close.isEntry()).as("a close ends a round trip, it does not open one").isFalse();
    assertThat(close.realisedPnl()).isEmpty();
  }

  @Test
  void givenDecisionsThatNeverTraded_whenAttributed_thenTheyKeepTheirOutcomeAndHaveNoPnl() {
    seed.decision(T0, BTC, MODEL, Optional.empty(), "ACCEPTED", "HOLD", "0.002", 800);
    seed.decision(T0.plusSeconds(1), BTC, MODEL, Optional.empty(), "REJECTED", "BUY", "0.003", 900);
    seed.decision(T0.plusSeconds(2), BTC, MODEL, Optional.empty(), "LLM_ERROR", null, "0", 120_000);

    List<DecisionAttribution> all = attribution.between(T0, DAY_END, Optional.empty());

    assertThat(all)
        .extracting(DecisionAttribution::outcome)
        .containsExactly("ACCEPTED", "REJECTED", "LLM_ERROR");
    assertThat(all)
        .extracting(DecisionAttribution::action)
        .containsExactly(Optional.of("HOLD"), Optional.of("BUY"), Optional.empty());
    assertThat(all)
        .allSatisfy(
            a -> {
              assertThat(a.isEntry()).isFalse();
              assertThat(a.realisedPnl()).isEmpty();
              assertThat(a.promptVersionName()).isEmpty();
            });
  }

  @Test
  void
      givenASecondEntryAddingToTheOpenPosition_whenClosedInTwoParts_thenTheOpenerGetsEveryFillAndFeeAndTheAdderNone() {
    UUID opener = seed.decision(T0, ETH, MODEL, Optional.empty(), "ACCEPTED", "SELL", "0.01", 1000);
    seed.fill(Optional.of(opener), T0.plusSeconds(5), ETH, "sell", false, "3", "0", "-0.3");
    UUID adder =
        seed.decision(
            T0.plusSeconds(600), ETH, MODEL, Optional.empty(), "ACCEPTED", "SELL", "0.01", 1000);
    seed.fill(Optional.of(adder), T0.plusSeconds(605), ETH, "sell", false, "1", "0", "-0.1");
    UUID close =
        seed.decision(
            T0.plusSeconds(1200), ETH, MODEL, Optional.empty(), "ACCEPTED", "CLOSE", "0.01", 1000);
    seed.fill(Optional.of(close), T0.plusSeconds(1205), ETH, "buy", true, "2", "5", "-0.2");
    seed.fill(
        Optional.empty(),
        T0.plusSeconds(1800),
        ETH,
        "buy",
        true,
        "2",
        "-1",
        "-0.2"); // the kill switch flattens the rest

    List<DecisionAttribution> all = attribution.between(T0, DAY_END, Optional.empty());

    assertThat(of(all, opener).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3.2"));
    assertThat(of(all, opener).closedAt()).contains(T0.plusSeconds(1800));
    assertThat(of(all, opener).addedToPosition()).isFalse();
    assertThat(of(all, adder).entered()).contains(T0.plusSeconds(605));
    assertThat(of(all, adder).addedToPosition()).isTrue();
    assertThat(of(all, adder).realisedPnl()).isEmpty();
    assertThat(of(all, close).isEntry()).isFalse();
  }

  @Test
  void givenAPositionStillOpen_whenAttributed_thenTheEntryIsThereWithoutPnlOrCloseTime() {
    UUID entry = seed.decision(T0, BTC, MODEL, Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    seed.fill(Optional.of(entry), T0.plusSeconds(5), BTC, "buy", false, "2", "0", "-0.1");
    seed.fill(
        Optional.empty(),
        T0.plusSeconds(60),
        BTC,
        "sell",
        true,
        "1",
        "0.4",
        "-0.05"); // a partial close only

    DecisionAttribution a = attribution.between(T0, DAY_END, Optional.empty()).getFirst();

    assertThat(a.isEntry()).isTrue();
    assertThat(a.isClosed()).isFalse();
    assertThat(a.closedAt()).isEmpty();
  }

  @Test
  void
      givenDecisionsAroundThePeriod_whenAttributed_thenOnlyThoseMadeInsideCountAndARoundTripClosingAfterItStillDoes() {
    UUID before =
        seed.longRoundTrip(
            T0.minusSeconds(7200), BTC, MODEL, Optional.empty(), "9"); // entry and close before
    UUID late =
        seed.decision(
            DAY_END.minusSeconds(60),
            BTC,
            MODEL,
            Optional.empty(),
            "ACCEPTED",
            "BUY",
            "0.01",
            1000);
    seed.fill(Optional.of(late), DAY_END.minusSeconds(55), BTC, "buy", false, "1", "0", "-0.1");
    seed.fill(
        Optional.empty(),
        DAY_END.plusSeconds(7200),
        BTC,
        "sell",
        true,
        "1",
        "2",
        "-0.1"); // the stop, two hours after the period
    UUID eth = seed.longRoundTrip(T0, ETH, MODEL, Optional.empty(), "1");
    seed.decision(
        DAY_END, BTC, MODEL, Optional.empty(), "ACCEPTED", "HOLD", "0.01", 1000); // to is exclusive

    List<DecisionAttribution> all = attribution.between(T0, DAY_END, Optional.empty());
    List<DecisionAttribution> btc = attribution.between(T0, DAY_END, Optional.of(BTC));

    assertThat(all)
        .extracting(DecisionAttribution::id)
        .doesNotContain(before)
        .contains(late, eth)
        .hasSize(3);
    assertThat(of(all, late).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1.8"));
    assertThat(btc).extracting(DecisionAttribution::id).containsExactly(late);
  }

  @Test
  void
      givenAClosePositionOpenedBeforeTheReplayOrByHand_whenAttributed_thenItIsSkippedAndTheNextEntryOpensItsOwnRoundTrip() {
    seed.fill(
        Optional.empty(),
        T0.minusSeconds(60),
        BTC,
        "sell",
        true,
        "5",
        "7",
        "-0.5"); // no entry in view
    jdbc.sql(
            "INSERT INTO executed_trades (id, executed_at, symbol, side, size, price, amount, pnl, fee)"
                + " VALUES (?, ?, ?, 'sell', 1, 10, 1, 100, -1)")
        .params(UUID.randomUUID(), OffsetDateTime.parse("2026-11-02T10:30:00Z"), BTC)
        .update(); // a manual trade
    UUID entry = seed.longRoundTrip(T0, BTC, MODEL, Optional.empty(), "-2");

    DecisionAttribution a = of(attribution.between(T0, DAY_END, Optional.empty()), entry);

    assertThat(a.realisedPnl()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-2.2"));
  }

  /** A fill OKX made on its own (no order of tai2's), as the exchange-fill recorder writes it. */
  boolean exchangeFill(
      String billId,
      Instant at,
      String symbol,
      String side,
      boolean reduceOnly,
      String contracts,
      String pnl,
      String fee) {
    return new TradeRepository(jdbc)
        .insertExchangeFillOnce(
            new ExecutedTrade(
                UUID.randomUUID(),
                at,
                symbol,
                symbol,
                side,
                new BigDecimal(contracts),
                BigDecimal.TEN,
                new BigDecimal(contracts),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new BigDecimal(pnl)),
                Optional.of(new BigDecimal(fee))),
            billId,
            reduceOnly);
  }

  @Test
  void
      givenAShortEndedByAStopOkxTriggeredInTwoFills_whenAttributed_thenTheEntryCarriesTheRoundTripAndTheSameBillCountsOnce() {
    UUID entry = seed.decision(T0, ETH, MODEL, Optional.empty(), "ACCEPTED", "SELL", "0.01", 1000);
    seed.fill(Optional.of(entry), T0.plusSeconds(5), ETH, "sell", false, "3", "0", "-0.3");

    boolean first =
        exchangeFill("900001", T0.plusSeconds(600), ETH, "buy", true, "2", "-4", "-0.2");
    boolean again =
        exchangeFill("900001", T0.plusSeconds(600), ETH, "buy", true, "2", "-4", "-0.2");
    DecisionAttribution halfway = of(attribution.between(T0, DAY_END, Optional.empty()), entry);
    exchangeFill("900002", T0.plusSeconds(601), ETH, "buy", true, "1", "-2", "-0.1");
    DecisionAttribution a = of(attribution.between(T0, DAY_END, Optional.of(ETH)), entry);

    assertThat(first).isTrue();
    assertThat(again).as("recorded once by its bill id").isFalse();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM executed_trades").query(Long.class).single())
        .isEqualTo(3);
    assertThat(halfway.isClosed()).isFalse();
    assertThat(a.realisedPnl()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-6.6"));
    assertThat(a.closedAt()).contains(T0.plusSeconds(601));
  }

  @Test
  void
      givenAnExchangeFillThatOpened_whenAttributed_thenItOpensARoundTripOfNoDecisionAndTheNextEntryIsNotMadeAnAdder() {
    exchangeFill("900010", T0, BTC, "buy", false, "1", "0", "-0.05"); // opened by hand on OKX
    exchangeFill("900011", T0.plusSeconds(60), BTC, "sell", true, "1", "1", "-0.05");
    UUID entry = seed.longRoundTrip(T0.plusSeconds(120), BTC, MODEL, Optional.empty(), "2");

    DecisionAttribution a = of(attribution.between(T0, DAY_END, Optional.empty()), entry);

    assertThat(a.addedToPosition()).isFalse();
    assertThat(a.realisedPnl()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1.8"));
  }

  @Test
  void
      givenFundingBeforeDuringAndAfterARoundTrip_whenAttributed_thenOnlyWhatWasSettledWhileItWasOpenCounts() {
    FundingPaymentRepository funding = new FundingPaymentRepository(jdbc);
    funding.insertOnce(
        new FundingPayment(
            "800001", T0, BTC, new BigDecimal("-5"))); // before the entry at T0 + 5 s
    UUID entry =
        seed.longRoundTrip(T0, BTC, MODEL, Optional.empty(), "3.5"); // open T0 + 5 s … T0 + 3605 s
    boolean first =
        funding.insertOnce(
            new FundingPayment("800002", T0.plusSeconds(1800), BTC, new BigDecimal("-0.25")));
    boolean again =
        funding.insertOnce(
            new FundingPayment("800002", T0.plusSeconds(1800), BTC, new BigDecimal("-0.25")));
    funding.insertOnce(
        new FundingPayment(
            "800003", T0.plusSeconds(1900), ETH, new BigDecimal("-7"))); // another symbol
    funding.insertOnce(
        new FundingPayment(
            "800004", T0.plusSeconds(7200), BTC, new BigDecimal("-9"))); // after the close

    DecisionAttribution a = of(attribution.between(T0, DAY_END, Optional.empty()), entry);

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(a.realisedPnl())
        .hasValueSatisfying(
            p -> assertThat(p).isEqualByComparingTo("3.05")); // 3.5 − 0.2 fees − 0.25 funding
    assertThat(of(attribution.between(T0, DAY_END, Optional.of(BTC)), entry).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3.05"));
  }

  /** {@code count} minute bars from {@code from} trading between {@code low} and {@code high}; {@code spikes} ("index:high:low") replace some. */
  void candles(String symbol, Instant from, int count, String high, String low, String... spikes) {
    List<MinuteBar> bars = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String h = high;
      String l = low;
      for (String spike : spikes) {
        String[] part = spike.split(":");
        if (Integer.parseInt(part[0]) == i) {
          h = part[1];
          l = part[2];
        }
      }
      bars.add(
          new MinuteBar(
              from.plusSeconds(60L * i),
              new BigDecimal(low),
              new BigDecimal(h),
              new BigDecimal(l),
              new BigDecimal(low),
              BigDecimal.ONE));
    }
    new CandleRepository(jdbc).upsert(symbol, bars);
  }

  @Test
  void
      givenALongWithAnAddedEntryAndCandlesOverItsWholeHolding_whenAttributed_thenItsExcursionsAreFromTheAverageEntryPrice() {
    UUID opener = seed.decision(T0, BTC, MODEL, Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    seed.fill(Optional.of(opener), T0.plusSeconds(5), BTC, "buy", false, "1", "100", "0", "-0.1");
    UUID adder =
        seed.decision(
            T0.plusSeconds(600), BTC, MODEL, Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    seed.fill(Optional.of(adder), T0.plusSeconds(605), BTC, "buy", false, "1", "102", "0", "-0.1");
    seed.fill(
        Optional.empty(),
        T0.plusSeconds(3605),
        BTC,
        "sell",
        true,
        "2",
        "101.5",
        "1",
        "-0.2"); // its take-profit
    // minutes T0 … T0 + 60 min (the close's minute), plus a spike either side of the holding that
    // must not count
    candles(
        BTC,
        T0.minusSeconds(60),
        63,
        "101.5",
        "100.5",
        "0:200:1",
        "31:103.02:100.9",
        "45:101.2:99.99",
        "62:300:1");

    List<DecisionAttribution> all = attribution.between(T0, DAY_END, Optional.empty());

    // entry 101 = (1 × 100 + 1 × 102) / 2; best (103.02 − 101) / 101 = 2 %, worst (99.99 − 101) /
    // 101 = −1 %
    assertThat(of(all, opener).mfePct())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("2"));
    assertThat(of(all, opener).maePct())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-1"));
    assertThat(of(all, adder).mfePct()).as("the adder's round trip is the opener's").isEmpty();
    assertThat(of(all, adder).maePct()).isEmpty();
  }

  @Test
  void
      givenAShortAndCandlesOverItsWholeHolding_whenAttributed_thenAFallIsItsFavourableAndARiseItsAdverseExcursion() {
    UUID entry = seed.decision(T0, ETH, MODEL, Optional.empty(), "ACCEPTED", "SELL", "0.01", 1000);
    seed.fill(Optional.of(entry), T0.plusSeconds(5), ETH, "sell", false, "2", "50", "0", "-0.1");
    seed.fill(Optional.empty(), T0.plusSeconds(1805), ETH, "buy", true, "2", "49", "2", "-0.1");
    candles(ETH, T0, 31, "50.2", "49.5", "10:51:49.9", "20:49.6:48");

    DecisionAttribution a = of(attribution.between(T0, DAY_END, Optional.of(ETH)), entry);

    assertThat(a.mfePct())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("4")); // (50 − 48) / 50
    assertThat(a.maePct())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-2")); // (50 − 51) / 50
  }

  @Test
  void
      givenPricesThatNeverWentAgainstOrForAPosition_whenTheExcursionsAreSigned_thenTheyAreClampedAtZero() {
    RoundTrips.Closed trip =
        new RoundTrips.Closed(BTC, true, new BigDecimal("100"), T0, T0.plusSeconds(60));
    RoundTrips.Closed shortTrip =
        new RoundTrips.Closed(BTC, false, new BigDecimal("100"), T0, T0.plusSeconds(60));

    assertThat(trip.adversePct(new BigDecimal("105"), new BigDecimal("101")))
        .isEqualByComparingTo("0");
    assertThat(trip.favourablePct(new BigDecimal("99"), new BigDecimal("95")))
        .isEqualByComparingTo("0");
    assertThat(shortTrip.favourablePct(new BigDecimal("105"), new BigDecimal("101")))
        .isEqualByComparingTo("0");
    assertThat(shortTrip.adversePct(new BigDecimal("99"), new BigDecimal("95")))
        .isEqualByComparingTo("0");
  }

  @Test
  void
      givenCandlesMissingAMinuteOfTheHoldingOrAbsent_whenAttributed_thenTheRoundTripHasNoExcursions() {
    UUID gap = seed.decision(T0, BTC, MODEL, Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    seed.fill(Optional.of(gap), T0.plusSeconds(5), BTC, "buy", false, "1", "100", "0", "-0.1");
    seed.fill(Optional.empty(), T0.plusSeconds(605), BTC, "sell", true, "1", "101", "1", "-0.1");
    candles(BTC, T0, 5, "101", "99"); // minutes 0–4 …
    candles(BTC, T0.plusSeconds(360), 5, "101", "99"); // … and 6–10: minute 5 is missing
    UUID none = seed.decision(T0, ETH, MODEL, Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    seed.fill(Optional.of(none), T0.plusSeconds(5), ETH, "buy", false, "1", "50", "0", "-0.1");
    seed.fill(Optional.empty(), T0.plusSeconds(605), ETH, "sell", true, "1", "51", "1", "-0.1");
    UUID open =
        seed.decision(
            T0.plusSeconds(700), BTC, MODEL, Optional.empty(), "ACCEPTED", "BUY", "0.01", 1000);
    seed.fill(Optional.of(open), T0.plusSeconds(705), BTC, "buy", false, "1", "100", "0", "-0.1");

    List<DecisionAttribution> all = attribution.between(T0, DAY_END, Optional.empty());

    assertThat(List.of(of(all, gap), of(all, none), of(all, open)))
        .allSatisfy(
            a -> {
              assertThat(a.mfePct()).isEmpty();
              assertThat(a.maePct()).isEmpty();
            });
    assertThat(of(all, gap).isClosed()).isTrue();
  }

  @Test
  void givenAClosedPaperRoundTrip_whenAttributed_thenItCarriesThePaperAccountsExcursions() {
    UUID entry =
        seed.paperRoundTrip("paper", DecisionRecord.PAPER, T0, BTC, MODEL, Optional.empty(), "4");

    DecisionAttribution a = of(attribution.between(T0, DAY_END, Optional.empty()), entry);

    assertThat(a.mfePct()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1"));
    assertThat(a.maePct()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-5"));
  }

  @Test
  void givenStoredDecisionDocuments_whenTheActionIsRead_thenOnlyAStringActionCounts() {
    assertThat(DecisionAttributionRepository.action("{\"action\":\"SELL\",\"confidence\":0.6}"))
        .contains("SELL");
    assertThat(DecisionAttributionRepository.action("{\"confidence\":0.6}")).isEmpty();
    assertThat(DecisionAttributionRepository.action("{\"action\":3}")).isEmpty();
    assertThat(DecisionAttributionRepository.action("not json")).isEmpty();
  }
}
