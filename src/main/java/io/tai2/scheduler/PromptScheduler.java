package io.tai2.scheduler;

import io.tai2.config.SchedulerSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SchedulerOutcome;
import io.tai2.history.SchedulerOutcomeRepository;
import io.tai2.reasoning.ReasoningException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a prompt cycle for every tracked symbol each interval while switched on. Within a tick at most
 * {@code max_concurrent} cycles run at once and each symbol runs once (the reasoning engine also refuses a second cycle
 * for a symbol that is already running, e.g. one started from the UI). Every cycle's outcome is saved per symbol; a
 * cycle that throws is recorded as an error and the tick goes on. An active risk lock (daily loss or the kill switch)
 * turns the scheduler off with an alert before any LLM is asked; it stays off until the operator turns it on. The
 * switch and the outcomes are saved, so the state survives a restart; after a restart the first tick waits one interval.
 *
 * <p>The next tick waits on a {@link TickTimer}: a change of the switch or the interval cancels it and schedules it again,
 * and each tick schedules the next when it ends. Ticks never overlap: a direct {@link #tick()} waits for the one in
 * progress, and a due tick that finds one in progress leaves the next run to it.
 *
 * <p>The cycles read the market engine's live snapshots as they are: nothing is rebuilt per symbol or per tick.
 */
public final class PromptScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PromptScheduler.class);
  private static final Duration ALERT_TTL = Duration.ofDays(1);

  private final SettingsDocument<SchedulerSettings> settings;
  private final Supplier<List<String>> symbols;
  private final CycleRunner cycles;
  private final RiskLockRepository locks;
  private final SchedulerOutcomeRepository outcomes;
  private final ExecutionFeedbackRepository feedback;
  private final Clock clock;
  private final TickTimer timer;
  private final Consumer<SchedulerPaused> paused;
  private final ReentrantLock oneTickAtATime = new ReentrantLock();
  private final AtomicReference<Optional<Instant>> lastTickStarted =
      new AtomicReference<>(Optional.empty());
  private volatile boolean ticking;
  private volatile Optional<String> lastError = Optional.empty();

  public PromptScheduler(
      SettingsDocument<SchedulerSettings> settings,
      Supplier<List<String>> symbols,
      CycleRunner cycles,
      RiskLockRepository locks,
      SchedulerOutcomeRepository outcomes,
      ExecutionFeedbackRepository feedback,
      Clock clock) {
    this(settings, symbols, cycles, locks, outcomes, feedback, clock, e -> {});
  }

  /** As above, with {@code paused} told each time a risk lock switches the scheduler off (a failing listener is logged). */
  public PromptScheduler(
      SettingsDocument<SchedulerSettings> settings,
      Supplier<List<String>> symbols,
      CycleRunner cycles,
      RiskLockRepository locks,
      SchedulerOutcomeRepository outcomes,
      ExecutionFeedbackRepository feedback,
      Clock clock,
      Consumer<SchedulerPaused> paused) {
    this(
        settings,
        symbols,
        cycles,
        locks,
        outcomes,
        feedback,
        clock,
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tai2-scheduler").factory()),
        paused);
  }

  /** As above, on {@code executor} (tests pass one they drive by hand); {@link #close()} shuts it down. */
  PromptScheduler(
      SettingsDocument<SchedulerSettings> settings,
      Supplier<List<String>> symbols,
      CycleRunner cycles,
      RiskLockRepository locks,
      SchedulerOutcomeRepository outcomes,
      ExecutionFeedbackRepository feedback,
      Clock clock,
      ScheduledExecutorService executor) {
    this(settings, symbols, cycles, locks, outcomes, feedback, clock, executor, e -> {});
  }

  PromptScheduler(
      SettingsDocument<SchedulerSettings> settings,
      Supplier<List<String>> symbols,
      CycleRunner cycles,
      RiskLockRepository locks,
      SchedulerOutcomeRepository outcomes,
      ExecutionFeedbackRepository feedback,
      Clock clock,
      ScheduledExecutorService executor,
      Consumer<SchedulerPaused> paused) {
    this.paused = paused;
    this.settings = settings;
    this.symbols = symbols;
    this.cycles = cycles;
    this.locks = locks;
    this.outcomes = outcomes;
    this.feedback = feedback;
    this.clock = clock;
    this.timer = new TickTimer(clock, executor, this::due);
    settings.onChange(this::changed);
  }

  /** What the scheduler is doing and what each symbol's last cycle came to. */
  public record Status(
      boolean enabled,
      long intervalSeconds,
      int maxConcurrent,
      boolean running,
      Optional<Instant> lastRunAt,
      Optional<Instant> nextRunAt,
      Optional<String> lastError,
      List<SchedulerOutcome> outcomes) {}

  /** Starts ticking on the timer; when the saved switch is on, the first tick comes one interval from now. */
  public void start() {
    SchedulerSettings s = settings.current();
    lastTickStarted.set(
        outcomes.all().stream().map(SchedulerOutcome::ranAt).max(Comparator.naturalOrder()));
    timer.start(s.enabled() ? Optional.of(clock.instant().plus(s.interval())) : Optional.empty());
    log.info(
        "event=scheduler_started enabled={} interval_s={} max_concurrent={}",
        s.enabled(),
        s.interval().toSeconds(),
        s.maxConcurrent());
  }

  /** Whoever saved the settings (this API, /api/settings, a pause): switching on ticks at once, a new interval counts from the last tick. */
  private void changed(SchedulerSettings before, SchedulerSettings after) {
    if (!after.enabled()) {
      timer.at(Optional.empty());
    } else if (!before.enabled()) {
      timer.at(Optional.of(clock.instant()));
    } else if (!after.interval().equals(before.interval())) {
      timer.at(
          Optional.of(
              lastTickStarted.get().map(t -> t.plus(after.interval())).orElse(clock.instant())));
    }
  }

  public Status status() {
    SchedulerSettings s = settings.current();
    return new Status(
        s.enabled(),
        s.interval().toSeconds(),
        s.maxConcurrent(),
        ticking,
        lastTickStarted.get(),
        timer.next(),
        lastError,
        outcomes.all());
  }

  /** One tick: a cycle per tracked symbol, unless a risk lock turns the scheduler off first. Never throws. */
  public void tick() {
    oneTickAtATime.lock(); // the tick in progress ends first
    try {
      runTick();
    } finally {
      oneTickAtATime.unlock();
    }
  }

  /** The timer's tick; one already in progress (a direct {@link #tick()}) schedules the next when it ends. */
  private void due() {
    if (oneTickAtATime.tryLock()) {
      try {
        runTick();
      } finally {
        oneTickAtATime.unlock();
      }
    }
  }

  private void runTick() {
    Instant started = clock.instant();
    ticking = true;
    lastTickStarted.set(Optional.of(started));
    try {
      Optional<RiskLock> lock = activeLock();
      if (lock.isPresent()) {
        pause(
            lock.get().key()
                + " lock is on"
                + lock.get().reason().map(r -> " (" + r + ")").orElse(""));
        return;
      }
      List<String> list = List.copyOf(symbols.get());
      Semaphore permits = new Semaphore(settings.current().maxConcurrent());
      AtomicReference<String> locked = new AtomicReference<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (String symbol : list) {
          pool.submit(
              () -> {
                permits.acquireUninterruptibly();
                try {
                  runOne(symbol, locked);
                } finally {
                  permits.release();
                }
              });
        }
      } // waits for every cycle
      if (locked.get() != null) {
        pause(locked.get());
      }
      lastError = Optional.empty();
      log.info(
          "event=scheduler_tick symbols={} took_ms={}",
          list.size(),
          Duration.between(started, clock.instant()).toMillis());
    } catch (RuntimeException e) {
      lastError = Optional.of(e.toString());
      log.error("event=scheduler_tick_failed error={}", e.toString(), e);
    } finally {
      ticking = false;
      SchedulerSettings s = settings.current();
      if (s.enabled()) {
        Instant due = started.plus(s.interval());
        timer.at(Optional.of(due.isBefore(clock.instant()) ? clock.instant() : due));
      }
    }
  }

  private void runOne(String symbol, AtomicReference<String> locked) {
    SchedulerOutcome outcome;
    try {
      CycleRunner.Ran ran = cycles.run(symbol);
      outcome =
          new SchedulerOutcome(
              symbol,
              clock.instant(),
              "ran",
              Optional.of(ran.summary()),
              Optional.of(ran.decisionId()));
    } catch (ReasoningException e) {
      if (e.kind() == ReasoningException.Kind.RISK_LOCKED) {
        locked.set(e.getMessage());
      }
      outcome =
          new SchedulerOutcome(
              symbol, clock.instant(), "skipped", Optional.of(e.getMessage()), Optional.empty());
    } catch (RuntimeException e) {
      log.error("event=scheduler_cycle_failed symbol={} error={}", symbol, e.toString(), e);
      outcome =
          new SchedulerOutcome(
              symbol, clock.instant(), "error", Optional.of(e.toString()), Optional.empty());
    }
    log.info(
        "event=scheduler_cycle symbol={} outcome={} detail=\"{}\"",
        symbol,
        outcome.outcome(),
        outcome.detail().orElse(""));
    try {
      outcomes.save(outcome);
    } catch (RuntimeException e) {
      log.warn("event=scheduler_outcome_not_saved symbol={} error={}", symbol, e.toString());
    }
  }

  private Optional<RiskLock> activeLock() {
    return locks.all().stream().filter(RiskLock::locked).findFirst();
  }

  /** Off, saved, with an alert: it stays off until the operator switches it on. */
  private void pause(String why) {
    settings.update(s -> s.withEnabled(false), "scheduler");
    String message =
        "Prompt scheduler paused: "
            + why
            + ". It stays off until the operator turns it on again (after resetting the lock).";
    lastError = Optional.of(message);
    log.warn("event=scheduler_paused reason=\"{}\"", why);
    Instant now = clock.instant();
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            now,
            "",
            "warning",
            message,
            Optional.empty(),
            Optional.of(now.plus(ALERT_TTL))));
    try {
      paused.accept(new SchedulerPaused(now, why));
    } catch (RuntimeException e) {
      log.warn("event=scheduler_paused_not_announced error=\"{}\"", e.toString());
    }
  }

  /**
   * Stops the timer, waiting up to 5 s for a tick in progress; an order cut off when the process then ends is settled by
   * client order id at the next start (the reconciler), never sent twice.
   */
  @Override
  public void close() {
    timer.close();
  }
}
