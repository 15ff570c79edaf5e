package io.tai2.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.GuardrailSettings;
import io.tai2.execution.GuardrailInput;
import io.tai2.execution.OrderPlan;
import io.tai2.history.PaperTrade;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A paper book between the guardrails and the live feed: what the guardrails read from it (equity, positions, its own
 * fills, its own daily-loss lock), funding at a settlement on a position held through it, and a saved document that
 * resumes the same book. No fee or slippage here unless a test sets them, to keep the numbers plain.
 */
class PaperBookTest {

  static final Instant T = Instant.parse("2026-03-02T07:00:00Z");
  static final String BTC = "BTC-USDT-SWAP";
  static final Instrument INSTRUMENT =
      new Instrument(
          BTC,
          "SWAP",
          "USDT",
          new BigDecimal("0.01"),
          BigDecimal.ONE,
          "BTC",
          new BigDecimal("0.1"),
          new BigDecimal("0.01"),
          new BigDecimal("0.01"),
          new BigDecimal("100"),
          new BigDecimal("100"),
          new BigDecimal("100"),
          "live");

  final List<String> saved = new ArrayList<>();
  final List<PaperTrade> exits = new ArrayList<>();
  GuardrailSettings guardrails = GuardrailSettings.defaults(Duration.ofMinutes(5));

  PaperBook book(String fee) {
    return new PaperBook(
        "paper",
        PaperBook.BookState.fresh(new BigDecimal("1000"), new BigDecimal(fee), BigDecimal.ZERO, T),
        (name, doc, at, entered, exited) -> {
          saved.add(doc);
          exits.addAll(exited);
        },
        () -> guardrails);
  }

  static OrderPlan buy(String contracts, String stop) {
    return new OrderPlan(
        UUID.randomUUID(),
        BTC,
        "buy",
        "net",
        "cross",
        "market",
        new BigDecimal(contracts),
        false,
        Optional.of(new BigDecimal(stop)),
        Optional.empty(),
        new BigDecimal("5"),
        new BigDecimal("60000"),
        T,
        "test");
  }

  static MarketSnapshot snapshot(String last, Optional<MarketSnapshot.Funding> funding) {
    MarketSnapshot.Ticker ticker =
        new MarketSnapshot.Ticker(
            new BigDecimal(last), null, null, null, null, null, null, null, T);
    return new MarketSnapshot(
        BTC,
        T,
        null,
        ticker,
        null,
        funding.orElse(null),
        null,
        null,
        List.of(),
        null,
        Map.of(),
        null,
        null,
        null,
        Map.of(),
        false);
  }

  @Test
  void
      givenAFill_whenTheGuardrailsAsk_thenTheyReadTheBooksPositionItsOwnFillAndNothingOfTheExchange() {
    PaperBook book = book("0");

    String text = book.fill(buy("10", "59000"), INSTRUMENT, new BigDecimal("60000"), T);

    assertThat(text)
        .isEqualTo("buy 10 contracts of BTC-USDT-SWAP filled at 60000 (5×, stop 59000) in paper");
    GuardrailInput.Account account = book.account("cross");
    assertThat(account.equityUsdt()).isEqualByComparingTo("1000");
    assertThat(account.positions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.contracts()).isEqualByComparingTo("10");
              assertThat(p.stopLoss()).isEqualByComparingTo("59000");
            });
    assertThat(account.availableMarginUsdt())
        .as("6000 USDT of BTC at 5× ties up 1200 of 1000: none free")
        .isEqualByComparingTo("0");
    GuardrailInput.Activity activity = book.activity(BTC, T.plusSeconds(60), Duration.ofHours(1));
    assertThat(activity.lastFillAt()).contains(T);
    assertThat(activity.acceptedOrdersInWindow()).isEqualTo(1);
    assertThat(
            book.activity(BTC, T.plus(Duration.ofHours(2)), Duration.ofHours(1))
                .acceptedOrdersInWindow())
        .isZero();
  }

  @Test
  void
      givenAPositionHeldThroughASettlement_whenTheFeedPassesIt_thenFundingIsChargedOnceAtTheAnnouncedRate() {
    PaperBook book = book("0");
    book.fill(buy("10", "59000"), INSTRUMENT, new BigDecimal("60000"), T);
    Instant settlement = Instant.parse("2026-03-02T08:00:00Z");
    Optional<MarketSnapshot.Funding> funding =
        Optional.of(
            new MarketSnapshot.Funding(
                new BigDecimal("0.0001"), settlement, settlement.plus(Duration.ofHours(8)), T));

    book.onSnapshot(BTC, snapshot("60000", funding), T.plusSeconds(1));
    book.onSnapshot(BTC, snapshot("60000", funding), settlement.plusSeconds(1));
    book.onSnapshot(BTC, snapshot("60000", funding), settlement.plusSeconds(2));

    // a long pays 0.01 % of 6000 USDT once
    assertThat(book.summary("cross").fundingPaid()).isEqualByComparingTo("0.6");
    assertThat(book.summary("cross").equity()).isEqualByComparingTo("999.4");
  }

  @Test
  void
      givenTheDailyLossLimit_whenTheBooksEquityFallsThroughIt_thenOnlyThisBookIsLockedUntilReset() {
    guardrails = guardrails.toBuilder().dailyLossLimitPct(new BigDecimal("0.03")).build();
    PaperBook book = book("0");
    assertThat(book.lock(T).locked()).isFalse();
    book.fill(buy("10", "50000"), INSTRUMENT, new BigDecimal("60000"), T);

    book.onSnapshot(
        BTC,
        snapshot("59600", Optional.empty()),
        T.plusSeconds(30)); // 0.1 BTC × −400 = −40 USDT: 4 % of 1000

    GuardrailInput.RiskLockState lock = book.lock(T.plusSeconds(31));
    assertThat(lock.locked()).isTrue();
    assertThat(lock.reason())
        .startsWith(
            "paper daily_loss: equity 960.00 USDT is 4.00% below the reference 1000.00 USDT");
    book.reset(new BigDecimal("2000"), T.plusSeconds(60));
    assertThat(book.lock(T.plusSeconds(61)).locked()).isFalse();
    assertThat(exits)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.exitReason()).contains("reset");
              assertThat(t.pnl())
                  .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-40"));
            });
    assertThat(book.summary("cross").equity()).isEqualByComparingTo("2000");
  }

  @Test
  void givenALossFoundWhenTheGuardrailsAsk_whenTheLockEngages_thenTheEngagedLockIsSaved() {
    guardrails =
        guardrails.toBuilder()
            .dailyLossLimitPct(BigDecimal.ZERO)
            .build(); // off while the price falls
    PaperBook book = book("0");
    book.fill(buy("10", "50000"), INSTRUMENT, new BigDecimal("60000"), T);
    book.onSnapshot(BTC, snapshot("59600", Optional.empty()), T.plusSeconds(30));
    guardrails = guardrails.toBuilder().dailyLossLimitPct(new BigDecimal("0.03")).build();
    int saves = saved.size();

    assertThat(book.lock(T.plusSeconds(31)).locked()).isTrue();

    assertThat(saved).hasSize(saves + 1);
    assertThat(PaperBookJson.read(saved.getLast()).lock())
        .hasValueSatisfying(l -> assertThat(l.locked()).isTrue());
  }

  @Test
  void givenASavedDocument_whenRead_thenTheBookResumesWithItsPositionFillsLockAndFundingSchedule() {
    PaperBook book = book("0.0005");
    book.fill(buy("10", "59000"), INSTRUMENT, new BigDecimal("60000"), T);
    Instant settlement = Instant.parse("2026-03-02T08:00:00Z");
    book.onSnapshot(
        BTC,
        snapshot(
            "60500",
            Optional.of(
                new MarketSnapshot.Funding(new BigDecimal("0.0002"), settlement, settlement, T))),
        T.plusSeconds(5));

    PaperBook.BookState resumed = PaperBookJson.read(saved.getLast());
    PaperBook again = new PaperBook("paper", resumed, (n, d, a, e, x) -> {}, () -> guardrails);

    assertThat(PaperBookJson.write(resumed)).isEqualTo(saved.getLast());
    assertThat(again.summary("cross").cash()).isEqualByComparingTo(book.summary("cross").cash());
    again.onSnapshot(
        BTC,
        snapshot("60500", Optional.empty()),
        T.plusSeconds(6)); // marks are not saved each second: the feed brings them back
    assertThat(again.summary("cross").equity())
        .isEqualByComparingTo(book.summary("cross").equity());
    assertThat(again.activity(BTC, T.plusSeconds(10), Duration.ofHours(1)))
        .isEqualTo(book.activity(BTC, T.plusSeconds(10), Duration.ofHours(1)));
    assertThat(again.account("cross").positions().getFirst().liqPx())
        .isEqualByComparingTo(book.account("cross").positions().getFirst().liqPx());
    again.onSnapshot(BTC, snapshot("60500", Optional.empty()), settlement.plusSeconds(1));
    assertThat(again.summary("cross").fundingPaid())
        .as("the announced settlement survived the restart")
        .isPositive();
  }
}
