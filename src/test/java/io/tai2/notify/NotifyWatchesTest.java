package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watches: stale market data and LLM failures in a row tell the operator once per episode, at the saved thresholds. */
class NotifyWatchesTest {

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  final NotifierTest.ManualClock clock = new NotifierTest.ManualClock(T0);
  final NotifierTest.Recording channel = new NotifierTest.Recording();
  final ScheduledThreadPoolExecutor delivery = new ScheduledThreadPoolExecutor(1);
  final Notifier notifier =
      new Notifier(
          List.of(channel),
          EnumSet.copyOf(NotificationKind.events()),
          Duration.ZERO,
          List.of(),
          clock,
          delivery);
  final TradingNotifications words = new TradingNotifications(() -> "DEMO");
  NotifySettings settings =
      new NotifySettings(
          EnumSet.copyOf(NotificationKind.events()), 120, 3, Optional.empty(), Optional.empty());

  @AfterEach
  void stop() {
    delivery.shutdownNow();
  }

  /** Ticker ages set by the test; a symbol without one has had no ticker yet. */
  final Map<String, Duration> ages = new HashMap<>();

  Duration pollGap = Duration.ZERO;
  final StaleDataWatch.TickerAges market =
      new StaleDataWatch.TickerAges() {
        @Override
        public List<String> symbols() {
          return List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP");
        }

        @Override
        public Optional<Duration> tickerAge(String symbol) {
          return Optional.ofNullable(ages.get(symbol));
        }

        @Override
        public Duration expectedGap() {
          return pollGap;
        }
      };

  @Test
  void
      givenATickerOlderThanTheLimit_whenCheckedAgainAndAgain_thenOneMessageUntilItWasFreshInBetween()
          throws Exception {
    StaleDataWatch watch =
        new StaleDataWatch(() -> Optional.of(market), () -> settings, notifier, words, clock);
    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(3));
    ages.put("ETH-USDT-SWAP", Duration.ofSeconds(2));
    watch.check();
    assertThat(channel.none()).isTrue();

    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(121));
    watch.check();
    assertThat(channel.next())
        .isEqualTo(
            "tai2 [DEMO] Market data stale: BTC-USDT-SWAP ticker is 121 s old (limit 120 s). Cycles on it are"
                + " refused as stale; check the connection lights on LIVE and the OKX log lines.");
    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(180));
    watch.check();
    assertThat(channel.none()).as("still the same stale episode").isTrue();

    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(1));
    watch.check();
    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(500));
    watch.check();
    assertThat(channel.next()).contains("BTC-USDT-SWAP ticker is 500 s old");
  }

  @Test
  void givenTheLiveWebSocketOffAndAThreeMinutePoller_whenTheTickerIsOnePollOld_thenItIsNotStaleYet()
      throws Exception {
    StaleDataWatch watch =
        new StaleDataWatch(() -> Optional.of(market), () -> settings, notifier, words, clock);
    pollGap = Duration.ofSeconds(180);
    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(200));
    ages.put("ETH-USDT-SWAP", Duration.ofSeconds(1));
    watch.check();
    assertThat(channel.none()).isTrue();

    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(301));
    watch.check();
    assertThat(channel.next()).contains("BTC-USDT-SWAP ticker is 301 s old (limit 300 s)");
  }

  @Test
  void
      givenASymbolThatNeverGotATicker_whenTheLimitPassesSinceTheWatchSawIt_thenItIsReportedMissing()
          throws Exception {
    settings = new NotifySettings(settings.events(), 30, 3, Optional.empty(), Optional.empty());
    StaleDataWatch watch =
        new StaleDataWatch(() -> Optional.of(market), () -> settings, notifier, words, clock);
    ages.put("BTC-USDT-SWAP", Duration.ofSeconds(1));
    watch.check();
    clock.advance(Duration.ofSeconds(31));

    watch.check();

    assertThat(channel.next()).contains("ETH-USDT-SWAP ticker is missing after 31 s (limit 30 s)");
  }

  @Test
  void
      givenLlmCalls_whenTheThresholdOfFailuresInARowIsReached_thenOneMessageAndAnAnswerStartsTheCountAgain()
          throws Exception {
    LlmFailureStreak streak = new LlmFailureStreak(() -> settings, notifier, words);
    streak.on(decision("LLM_ERROR", DecisionRecord.LIVE));
    streak.on(
        decision(
            "LLM_ERROR",
            DecisionRecord.SHADOW)); // a shadow model's failure is not the live model's
    streak.on(decision("SKIPPED", DecisionRecord.LIVE));
    streak.on(decision("LLM_ERROR", DecisionRecord.PAPER));
    assertThat(channel.none()).isTrue();

    streak.on(decision("LLM_ERROR", DecisionRecord.LIVE));
    assertThat(channel.next())
        .isEqualTo(
            "tai2 [DEMO] LLM failing: 3 calls in a row failed (last: openai/gpt-4o-mini on BTC-USDT-SWAP: HTTP 402"
                + " credits exhausted). Every failed cycle is a HOLD; check the key, the credits and the model in CFG.");
    streak.on(decision("LLM_ERROR", DecisionRecord.LIVE));
    assertThat(channel.none()).as("once per streak").isTrue();

    streak.on(
        decision("REJECTED", DecisionRecord.LIVE)); // the LLM answered (badly): the streak ends
    for (int i = 0; i < 3; i++) {
      streak.on(decision("LLM_ERROR", DecisionRecord.LIVE));
    }
    assertThat(channel.next()).startsWith("tai2 [DEMO] LLM failing: 3 calls in a row failed");
  }

  static DecisionRecorded decision(String outcome, String source) {
    return new DecisionRecorded(
        UUID.randomUUID(),
        T0,
        "BTC-USDT-SWAP",
        Optional.of("openai/gpt-4o-mini"),
        outcome,
        outcome.equals("LLM_ERROR") ? Optional.of("HTTP 402 credits exhausted") : Optional.empty(),
        source);
  }
}
