package io.tai2.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.SchedulerSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsJson;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SchedulerOutcome;
import io.tai2.history.SchedulerOutcomeRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.ReasoningException;
import io.tai2.sim.SimClock;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler over a real embedded database, with cycles played by the test. */
class PromptSchedulerTest {

  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  static final List<String> SYMBOLS = List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP");

  final TestDatabase db = TestDatabase.h2();
  final SimClock clock = new SimClock(Clock.fixed(T0, ZoneOffset.UTC));
  final SettingsRepository settingsRepository = new SettingsRepository(db.jdbc(), db.tx());
  final RiskLockRepository locks = new RiskLockRepository(db.jdbc(), db.tx());
  final SchedulerOutcomeRepository outcomes = new SchedulerOutcomeRepository(db.jdbc(), db.tx());
  final ExecutionFeedbackRepository feedback = new ExecutionFeedbackRepository(db.jdbc());
  final List<PromptScheduler> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(PromptScheduler::close);
  }

  SettingsDocument<SchedulerSettings> settings() {
    SchedulerSettings d = SchedulerSettings.defaults();
    return new SettingsDocument<>(
        settingsRepository,
        "scheduler",
        d,
        SettingsJson::write,
        json -> SettingsJson.scheduler(json, d),
        clock);
  }

  /** What the scheduler announced each time a lock switched it off. */
  final List<SchedulerPaused> paused = new CopyOnWriteArrayList<>();

  PromptScheduler scheduler(
      SettingsDocument<SchedulerSettings> settings, CycleRunner cycles, Clock clock) {
    return new PromptScheduler(
        settings, () -> SYMBOLS, cycles, locks, outcomes, feedback, clock, paused::add);
  }

  @Test
  void
      givenATick_whenCyclesRunSkipAndFail_thenEachSymbolsOutcomeIsSavedAndOneFailureStopsNothing() {
    UUID decision = UUID.randomUUID();
    PromptScheduler scheduler =
        scheduler(
            settings(),
            symbol ->
                switch (symbol) {
                  case "BTC-USDT-SWAP" -> new CycleRunner.Ran(decision, "ACCEPTED BUY → filled");
                  case "ETH-USDT-SWAP" ->
                      throw new ReasoningException(
                          ReasoningException.Kind.STALE_SNAPSHOT,
                          "price of ETH-USDT-SWAP is 901 s old");
                  default -> throw new IllegalStateException("boom");
                },
            clock);

    scheduler.tick();

    assertThat(outcomes.all())
        .containsExactly(
            new SchedulerOutcome(
                "BTC-USDT-SWAP",
                T0,
                "ran",
                Optional.of("ACCEPTED BUY → filled"),
                Optional.of(decision)),
            new SchedulerOutcome(
                "ETH-USDT-SWAP",
                T0,
                "skipped",
                Optional.of("price of ETH-USDT-SWAP is 901 s old"),
                Optional.empty()),
            new SchedulerOutcome(
                "SOL-USDT-SWAP",
                T0,
                "error",
                Optional.of("java.lang.IllegalStateException: boom"),
                Optional.empty()));
    assertThat(scheduler.status().lastRunAt()).contains(T0);
    assertThat(scheduler.status().lastError()).isEmpty();
  }

  @Test
  void
      givenMaxConcurrentTwo_whenATickRunsSixSymbols_thenExactlyTwoCyclesRunAtOnceAndEachSymbolOnce()
          throws Exception {
    SettingsDocument<SchedulerSettings> settings = settings();
    settings.update(s -> new SchedulerSettings(false, s.interval(), 2), "test");
    List<String> six = List.of("A", "B", "C", "D", "E", "F");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch twoInside = new CountDownLatch(2);
    Map<String, Integer> runs = new ConcurrentHashMap<>();
    PromptScheduler scheduler =
        new PromptScheduler(
            settings,
            () -> six,
            symbol -> {
              most.accumulateAndGet(inside.incrementAndGet(), Math::max);
              twoInside.countDown();
              try {
                twoInside.await(
                    5,
                    TimeUnit
                        .SECONDS); // the first two wait for each other: the bound, not timing, is
                // tested
                Thread.sleep(5);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              runs.merge(symbol, 1, Integer::sum);
              inside.decrementAndGet();
              return new CycleRunner.Ran(UUID.randomUUID(), "ok");
            },
            locks,
            outcomes,
            feedback,
            clock);

    scheduler.tick();

    assertThat(most.get()).isEqualTo(2);
    assertThat(runs).containsOnlyKeys(six).allSatisfy((symbol, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void
      givenTheDailyLossLock_whenATickComes_thenNoCycleRunsAndTheSchedulerTurnsOffWithAnAlertUntilTheOperatorTurnsItOn() {
    SettingsDocument<SchedulerSettings> settings = settings();
    AtomicInteger cycles = new AtomicInteger();
    PromptScheduler scheduler =
        scheduler(
            settings,
            symbol -> {
              cycles.incrementAndGet();
              return new CycleRunner.Ran(UUID.randomUUID(), "ok");
            },
            clock);
    settings.update(s -> s.withEnabled(true), "operator");
    locks.save(
        new RiskLock(
            RiskLock.DAILY_LOSS,
            true,
            Optional.of(new BigDecimal("10000")),
            Optional.of(T0),
            Optional.of(T0),
            Optional.of("3.2% below 10000"),
            T0));

    scheduler.tick();

    assertThat(cycles).hasValue(0);
    assertThat(settings.current().enabled()).isFalse();
    assertThat(
            SettingsJson.scheduler(
                    settingsRepository.find("scheduler").orElseThrow(),
                    SchedulerSettings.defaults())
                .enabled())
        .as("saved off")
        .isFalse();
    assertThat(scheduler.status().nextRunAt()).isEmpty();
    assertThat(feedback.active(T0))
        .extracting(ExecutionFeedback::message)
        .containsExactly(
            "Prompt scheduler paused: daily_loss lock is on (3.2% below 10000). It stays off until the operator turns it on again (after resetting the lock).");
    assertThat(paused)
        .as("announced once, with why")
        .singleElement()
        .satisfies(
            p -> assertThat(p.reason()).isEqualTo("daily_loss lock is on (3.2% below 10000)"));
    // switching it on again while the lock is on is refused by the settings service
    // (RuntimeSettingsContract)

    locks.save(
        new RiskLock(
            RiskLock.DAILY_LOSS,
            false,
            Optional.of(new BigDecimal("9680")),
            Optional.of(T0),
            Optional.empty(),
            Optional.empty(),
            T0));
    assertThat(settings.current().enabled()).as("a reset does not switch it on").isFalse();
    settings.update(s -> s.withEnabled(true), "operator");
    scheduler.tick();
    assertThat(cycles).hasValue(3);
  }

  @Test
  void givenACycleThatMeetsTheLock_whenTheTickEnds_thenTheSchedulerIsOff() {
    SettingsDocument<SchedulerSettings> settings = settings();
    PromptScheduler scheduler =
        scheduler(
            settings,
            symbol -> {
              throw new ReasoningException(
                  ReasoningException.Kind.RISK_LOCKED, "daily-loss lock is on");
            },
            clock);
    settings.update(s -> s.withEnabled(true), "operator");

    scheduler.tick();

    assertThat(settings.current().enabled()).isFalse();
    assertThat(outcomes.all()).extracting(SchedulerOutcome::outcome).containsOnly("skipped");
  }

  @Test
  void givenTheSwitchAndAnInterval_whenTicksAndChangesHappen_thenTheNextRunFollowsTheCadence() {
    SettingsDocument<SchedulerSettings> settings = settings();
    PromptScheduler scheduler =
        scheduler(settings, symbol -> new CycleRunner.Ran(UUID.randomUUID(), "ok"), clock);
    assertThat(scheduler.status().nextRunAt()).as("off").isEmpty();

    settings.update(s -> s.withEnabled(true), "operator");
    assertThat(scheduler.status().nextRunAt()).as("on: at once").contains(T0);

    scheduler.tick();
    assertThat(scheduler.status().nextRunAt())
        .as("one interval after the tick started")
        .contains(T0.plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofSeconds(40));
    settings.update(
        s -> new SchedulerSettings(true, Duration.ofSeconds(30), s.maxConcurrent()), "operator");
    assertThat(scheduler.status().nextRunAt())
        .as("a shorter interval counts from the last tick")
        .contains(T0.plusSeconds(30));

    assertThatThrownBy(
            () ->
                settings.update(
                    s -> new SchedulerSettings(true, Duration.ofSeconds(10), 2), "operator"))
        .hasMessageContaining("interval_seconds must be between 30 and 86400, was 10");
    assertThat(settings.current().interval()).isEqualTo(Duration.ofSeconds(30));

    settings.update(s -> s.withEnabled(false), "operator");
    assertThat(scheduler.status().nextRunAt()).isEmpty();
  }

  @Test
  void
      givenAnEnabledSchedulerWithOutcomes_whenTheProcessRestarts_thenTheSwitchOutcomesAndLastRunAreBackAndTheFirstTickWaitsAnInterval() {
    SettingsDocument<SchedulerSettings> settings = settings();
    PromptScheduler before =
        scheduler(settings, symbol -> new CycleRunner.Ran(UUID.randomUUID(), "ok"), clock);
    settings.update(s -> s.withEnabled(true), "operator");
    before.tick();
    List<SchedulerOutcome> saved = outcomes.all();

    clock.advance(Duration.ofMinutes(2));
    PromptScheduler after =
        scheduler(settings(), symbol -> new CycleRunner.Ran(UUID.randomUUID(), "ok"), clock);
    after.start();
    started.add(after);

    PromptScheduler.Status status = after.status();
    assertThat(status.enabled()).isTrue();
    assertThat(status.outcomes()).isEqualTo(saved).hasSize(3);
    assertThat(status.lastRunAt()).contains(T0);
    assertThat(status.nextRunAt()).contains(T0.plus(Duration.ofMinutes(7)));
  }

  @Test
  void givenTheLoopRunning_whenSwitchedOn_thenATickRunsAtOnceAndSwitchingOffStopsFurtherTicks()
      throws Exception {
    CountDownLatch ran = new CountDownLatch(SYMBOLS.size());
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    SettingsDocument<SchedulerSettings> settings = settings();
    PromptScheduler scheduler =
        scheduler(
            settings,
            symbol -> {
              seen.add(symbol);
              ran.countDown();
              return new CycleRunner.Ran(UUID.randomUUID(), "ok");
            },
            Clock.systemUTC());
    scheduler.start();
    started.add(scheduler);

    settings.update(s -> s.withEnabled(true), "operator");

    assertThat(ran.await(10, TimeUnit.SECONDS)).as("one tick, a cycle per symbol").isTrue();
    settings.update(s -> s.withEnabled(false), "operator");
    Thread.sleep(200);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(SYMBOLS);
    assertThat(scheduler.status().running()).isFalse();
  }

  @Test
  void
      givenTheTimerRunning_whenTheIntervalChangesAndTheSwitchGoesOff_thenThePendingTickIsCancelledAndScheduledAgainFromTheLastTick() {
    SettingsDocument<SchedulerSettings> settings = settings();
    ManualScheduledExecutor timer = new ManualScheduledExecutor(clock);
    List<Instant> ticks = Collections.synchronizedList(new ArrayList<>());
    PromptScheduler scheduler =
        new PromptScheduler(
            settings,
            () -> List.of("BTC-USDT-SWAP"),
            symbol -> {
              ticks.add(clock.instant());
              return new CycleRunner.Ran(UUID.randomUUID(), "ok");
            },
            locks,
            outcomes,
            feedback,
            clock,
            timer);
    scheduler.start();
    started.add(scheduler);
    assertThat(timer.waiting()).as("off: nothing pending").isEmpty();

    settings.update(s -> s.withEnabled(true), "operator");
    assertThat(timer.waiting()).as("on: at once").containsExactly(T0);
    timer.runDue();
    assertThat(ticks).containsExactly(T0);
    assertThat(timer.waiting()).containsExactly(T0.plus(Duration.ofMinutes(5)));

    timer.advance(Duration.ofSeconds(40));
    settings.update(
        s -> new SchedulerSettings(true, Duration.ofSeconds(60), s.maxConcurrent()), "operator");
    assertThat(timer.waiting())
        .as("the 5-minute tick is cancelled, the new one counts from the last tick")
        .containsExactly(T0.plusSeconds(60));
    assertThat(scheduler.status().nextRunAt()).contains(T0.plusSeconds(60));
    timer.advance(Duration.ofSeconds(19));
    assertThat(ticks).as("not before it is due").containsExactly(T0);
    timer.advance(Duration.ofSeconds(1));
    assertThat(ticks).containsExactly(T0, T0.plusSeconds(60));
    assertThat(timer.waiting()).containsExactly(T0.plusSeconds(120));

    timer.advance(Duration.ofSeconds(50));
    settings.update(
        s -> new SchedulerSettings(true, Duration.ofSeconds(30), s.maxConcurrent()), "operator");
    assertThat(scheduler.status().nextRunAt())
        .as("already past: due at once")
        .contains(T0.plusSeconds(90));
    timer.runDue();
    assertThat(ticks).containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(110));
    assertThat(timer.waiting()).containsExactly(T0.plusSeconds(140));

    settings.update(s -> s.withEnabled(false), "operator");
    assertThat(timer.waiting()).as("off cancels the next tick").isEmpty();
    assertThat(scheduler.status().nextRunAt()).isEmpty();
    timer.advance(Duration.ofHours(1));
    assertThat(ticks).hasSize(3);
  }

  @Test
  void
      givenADirectTickInProgress_whenTheTimerComesDue_thenNoSecondTickStartsAndTheNextRunCountsFromTheTickInProgress()
          throws Exception {
    SettingsDocument<SchedulerSettings> settings = settings();
    ManualScheduledExecutor timer = new ManualScheduledExecutor(clock);
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch twoInside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    PromptScheduler scheduler =
        new PromptScheduler(
            settings,
            () -> SYMBOLS,
            symbol -> {
              calls.incrementAndGet();
              twoInside.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new CycleRunner.Ran(UUID.randomUUID(), "ok");
            },
            locks,
            outcomes,
            feedback,
            clock,
            timer);
    scheduler.start();
    started.add(scheduler);
    settings.update(s -> s.withEnabled(true), "operator");
    Thread direct = Thread.ofVirtual().start(scheduler::tick);
    assertThat(twoInside.await(10, TimeUnit.SECONDS))
        .as("the direct tick's first two cycles (max_concurrent 2) are running")
        .isTrue();
    assertThat(scheduler.status().running()).isTrue();

    timer.runDue(); // the tick due at T0 finds one in progress: had it started, two more cycles
    // would be inside

    assertThat(calls).as("no second tick").hasValue(2);
    release.countDown();
    direct.join(Duration.ofSeconds(10));
    assertThat(calls).as("one tick, a cycle per symbol").hasValue(3);
    assertThat(outcomes.all()).hasSize(3);
    assertThat(timer.waiting())
        .as("the next tick counts from the direct one")
        .containsExactly(T0.plus(Duration.ofMinutes(5)));
    assertThat(scheduler.status().running()).isFalse();
  }

  @Test
  void givenATickThatThrows_whenTheTimerRunsIt_thenTheErrorIsReportedAndTheNextTickStillComes() {
    SettingsDocument<SchedulerSettings> settings = settings();
    ManualScheduledExecutor timer = new ManualScheduledExecutor(clock);
    AtomicInteger asked = new AtomicInteger();
    PromptScheduler scheduler =
        new PromptScheduler(
            settings,
            () -> {
              if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("market engine not ready");
              }
              return SYMBOLS;
            },
            symbol -> new CycleRunner.Ran(UUID.randomUUID(), "ok"),
            locks,
            outcomes,
            feedback,
            clock,
            timer);
    scheduler.start();
    started.add(scheduler);
    settings.update(s -> s.withEnabled(true), "operator");

    timer.runDue();
    assertThat(scheduler.status().lastError())
        .contains("java.lang.IllegalStateException: market engine not ready");
    assertThat(timer.waiting()).containsExactly(T0.plus(Duration.ofMinutes(5)));

    timer.advance(Duration.ofMinutes(5));
    assertThat(outcomes.all()).hasSize(3);
    assertThat(scheduler.status().lastError()).isEmpty();
  }

  @Test
  void
      givenATimerTickInProgress_whenTheSchedulerCloses_thenCloseWaitsForItAndNoFurtherTickIsScheduled()
          throws Exception {
    SettingsDocument<SchedulerSettings> settings = settings();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PromptScheduler scheduler =
        scheduler(
            settings,
            symbol -> {
              inside.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new CycleRunner.Ran(UUID.randomUUID(), "ok");
            },
            Clock.systemUTC());
    scheduler.start();
    settings.update(s -> s.withEnabled(true), "operator");
    assertThat(inside.await(10, TimeUnit.SECONDS)).as("the timer's tick started").isTrue();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(
                    100); // lets close() begin waiting; a close that did not wait would return
                // before the outcomes are saved
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              release.countDown();
            });

    scheduler.close();

    assertThat(outcomes.all()).as("the tick in progress finished").hasSize(3);
    assertThat(scheduler.status().running()).isFalse();
    assertThat(scheduler.status().nextRunAt()).as("closed: nothing next").isEmpty();
  }
}
