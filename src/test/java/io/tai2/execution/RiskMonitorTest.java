package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.GuardrailSettings;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The monitor on the embedded database: sampling, the lock engaging with an alert, persistence, and the reset. */
class RiskMonitorTest {

  final TestDatabase db = TestDatabase.h2();
  final EquityRepository equity = new EquityRepository(db.jdbc());
  final RiskLockRepository locks = new RiskLockRepository(db.jdbc(), db.tx());
  final ExecutionFeedbackRepository feedback = new ExecutionFeedbackRepository(db.jdbc());
  final AtomicReference<BigDecimal> current = new AtomicReference<>(new BigDecimal("10000"));
  final Instant now = Instant.parse("2026-11-25T09:00:00Z");

  RiskMonitor monitor(Instant at) {
    return new RiskMonitor(
        () -> Optional.ofNullable(current.get()),
        equity,
        locks,
        feedback,
        () -> GuardrailSettings.defaults(Duration.ofSeconds(900)),
        Clock.fixed(at, ZoneOffset.UTC));
  }

  @Test
  void
      givenEquityFallingFourPercentBelowMidnight_whenChecked_thenTheLockEngagesOncePersistsAndAlerts() {
    equity.insert(
        new EquitySample(
            Instant.parse("2026-11-24T23:59:30Z"),
            Optional.of(new BigDecimal("10000")),
            Optional.empty(),
            Optional.of(new BigDecimal("10000"))));
    assertThat(monitor(now).check()).hasValueSatisfying(l -> assertThat(l.locked()).isFalse());

    current.set(new BigDecimal("9600"));
    RiskLock lock = monitor(now.plusSeconds(30)).check().orElseThrow();
    monitor(now.plusSeconds(45)).check();

    assertThat(lock.locked()).isTrue();
    assertThat(locks.find(RiskLock.DAILY_LOSS))
        .hasValueSatisfying(l -> assertThat(l.locked()).isTrue());
    assertThat(feedback.active(now.plusSeconds(60)))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("Daily-loss lock engaged")
                    .contains("4.00% below"));
    assertThat(equity.since(now.minusSeconds(1)))
        .as("one sample per minute per monitor")
        .hasSizeGreaterThanOrEqualTo(1);
  }

  @Test
  void
      givenEquityFallingBelowTheLimit_whenCheckedTwice_thenOneDailyLossEventIsPublishedWithTheReason() {
    equity.insert(
        new EquitySample(
            Instant.parse("2026-11-24T23:59:30Z"),
            Optional.of(new BigDecimal("10000")),
            Optional.empty(),
            Optional.of(new BigDecimal("10000"))));
    List<TradingEvent> published = new ArrayList<>();
    current.set(new BigDecimal("9600"));
    for (int s = 30; s <= 45; s += 15) {
      new RiskMonitor(
              () -> Optional.ofNullable(current.get()),
              equity,
              locks,
              feedback,
              () -> GuardrailSettings.defaults(Duration.ofSeconds(900)),
              Clock.fixed(now.plusSeconds(s), ZoneOffset.UTC),
              published::add)
          .check();
    }

    assertThat(published)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.DailyLossLocked.class,
            e -> {
              assertThat(e.reason()).contains("4.00% below");
              assertThat(e.at()).isEqualTo(now.plusSeconds(30));
            });
  }

  @Test
  void givenAListenerThatThrows_whenTheLockEngages_thenTheLockIsStillSavedAndTheCheckReturnsIt() {
    equity.insert(
        new EquitySample(
            Instant.parse("2026-11-24T23:59:30Z"),
            Optional.of(new BigDecimal("10000")),
            Optional.empty(),
            Optional.of(new BigDecimal("10000"))));
    current.set(new BigDecimal("9600"));

    Optional<RiskLock> lock =
        new RiskMonitor(
                () -> Optional.ofNullable(current.get()),
                equity,
                locks,
                feedback,
                () -> GuardrailSettings.defaults(Duration.ofSeconds(900)),
                Clock.fixed(now, ZoneOffset.UTC),
                e -> {
                  throw new IllegalStateException("boom");
                })
            .check();

    assertThat(lock).hasValueSatisfying(l -> assertThat(l.locked()).isTrue());
    assertThat(locks.find(RiskLock.DAILY_LOSS))
        .hasValueSatisfying(l -> assertThat(l.locked()).isTrue());
  }

  @Test
  void givenALock_whenTheOperatorResets_thenUnlockedWithTheCurrentEquityAsTheReference() {
    current.set(new BigDecimal("9000"));
    locks.save(
        DailyLossRule.next(
            Optional.empty(),
            now,
            new BigDecimal("9000"),
            new BigDecimal("0.03"),
            Optional.of(new BigDecimal("10000"))));

    RiskLock reset = monitor(now.plusSeconds(60)).resetDailyLoss("admin");
    RiskLock after = monitor(now.plusSeconds(120)).check().orElseThrow();

    assertThat(reset.locked()).isFalse();
    assertThat(after.locked()).isFalse();
    assertThat(after.referenceEquity())
        .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("9000"));
  }

  @Test
  void givenALock_whenTheOperatorResets_thenTheReleaseIsPublishedWithWhoDidIt() {
    current.set(new BigDecimal("9000"));
    locks.save(
        DailyLossRule.next(
            Optional.empty(),
            now,
            new BigDecimal("9000"),
            new BigDecimal("0.03"),
            Optional.of(new BigDecimal("10000"))));
    List<TradingEvent> published = new ArrayList<>();

    new RiskMonitor(
            () -> Optional.ofNullable(current.get()),
            equity,
            locks,
            feedback,
            () -> GuardrailSettings.defaults(Duration.ofSeconds(900)),
            Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC),
            published::add)
        .resetDailyLoss("telegram chat 777000");

    assertThat(published)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.RiskLockReleased.class,
            e -> {
              assertThat(e.lock()).isEqualTo(RiskLock.DAILY_LOSS);
              assertThat(e.actor()).isEqualTo("telegram chat 777000");
              assertThat(e.reason()).startsWith("reset by telegram chat 777000 at ");
            });
  }

  @Test
  void
      givenTheKillSwitchEngagedThenReleasedTwice_whenReleased_thenOnlyTheFirstReleaseIsPublished() {
    List<TradingEvent> published = new ArrayList<>();
    KillSwitch killSwitch =
        new KillSwitch(
            () -> {
              throw new IllegalStateException("OKX is not needed to release");
            },
            locks,
            feedback,
            Clock.fixed(now, ZoneOffset.UTC),
            published::add);
    locks.save(
        new RiskLock(
            RiskLock.KILL_SWITCH,
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(now),
            Optional.of("engaged"),
            now));

    killSwitch.release("admin");
    killSwitch.release("admin");

    assertThat(published)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.RiskLockReleased.class,
            e -> {
              assertThat(e.lock()).isEqualTo(RiskLock.KILL_SWITCH);
              assertThat(e.reason()).isEqualTo("released by admin at " + now);
            });
    assertThat(locks.find(RiskLock.KILL_SWITCH))
        .hasValueSatisfying(l -> assertThat(l.locked()).isFalse());
  }

  @Test
  void givenNoEquityYet_whenResetIsAsked_thenItSaysWhyItCannot() {
    current.set(null);

    assertThat(monitor(now).check()).isEmpty();
    locks.save(
        DailyLossRule.next(
            Optional.empty(),
            now,
            new BigDecimal("9000"),
            new BigDecimal("0.03"),
            Optional.of(new BigDecimal("10000"))));
    assertThatThrownBy(() -> monitor(now).resetDailyLoss("admin"))
        .hasMessageContaining("no account equity is known yet");
  }

  @Test
  void givenNoLock_whenResetIsAsked_thenItIsRefusedAndTheReferenceStays() {
    current.set(new BigDecimal("10000"));
    RiskLock before = monitor(now).check().orElseThrow();
    current.set(new BigDecimal("9900"));

    assertThatThrownBy(() -> monitor(now.plusSeconds(60)).resetDailyLoss("admin"))
        .isInstanceOf(RiskMonitor.NotLocked.class)
        .hasMessage("nothing to reset: the daily-loss lock is not engaged");
    assertThat(locks.find(RiskLock.DAILY_LOSS))
        .hasValueSatisfying(
            l -> {
              assertThat(l.locked()).isFalse();
              assertThat(l.referenceEquity()).isEqualTo(before.referenceEquity());
            });
  }
}
