package io.tai2.notify;

import io.tai2.config.InvalidSettingsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to every channel without ever making the caller wait: {@link #publish} only decides (switched on?
 * a repeat?) and queues; sending and retrying happen on the notifier's own threads. Repeats of one kind for one symbol
 * within {@link #window} are coalesced: the first goes out at once, the rest become one "… and N more" message when the
 * window closes, so a storm costs two messages a minute per kind and symbol, not hundreds. The channels and switches can be
 * replaced while running ({@link #reconfigure}, when the {@code notify} settings change).
 */
public final class Notifier implements AutoCloseable {

  /** Default coalescing window. */
  public static final Duration WINDOW = Duration.ofSeconds(60);

  /** Default waits before the second and third try of a failed send. */
  public static final List<Duration> BACKOFF =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(4));

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private record Key(NotificationKind kind, String symbol) {}

  /** A coalescing window: when it opened, how many were held back since, and the latest of them. */
  private record Window(Instant opened, int held, Notification latest) {}

  /** The channels and the kinds switched on, replaced together. */
  private record Setup(List<NotificationChannel> channels, Set<NotificationKind> switchedOn) {
    Setup {
      channels = List.copyOf(channels);
      switchedOn =
          switchedOn.isEmpty()
              ? EnumSet.noneOf(NotificationKind.class)
              : EnumSet.copyOf(switchedOn);
    }
  }

  private volatile Setup setup;
  private final Duration window;
  private final List<Duration> backoff;
  private final Clock clock;
  private final ScheduledExecutorService delivery;
  private final Map<Key, Window> windows = new HashMap<>();

  Notifier(
      List<NotificationChannel> channels,
      Set<NotificationKind> switchedOn,
      Duration window,
      List<Duration> backoff,
      Clock clock,
      ScheduledExecutorService delivery) {
    this.setup = new Setup(channels, switchedOn);
    this.window = window;
    this.backoff = List.copyOf(backoff);
    this.clock = clock;
    this.delivery = delivery;
  }

  /** A notifier with its own two delivery threads, closing coalescing windows once a second. */
  public static Notifier start(
      List<NotificationChannel> channels,
      Set<NotificationKind> switchedOn,
      Duration window,
      List<Duration> backoff,
      Clock clock) {
    ScheduledThreadPoolExecutor delivery =
        new ScheduledThreadPoolExecutor(
            2,
            r -> {
              Thread t = new Thread(r, "notify-delivery");
              t.setDaemon(true);
              return t;
            });
    delivery.setRemoveOnCancelPolicy(true);
    Notifier notifier = new Notifier(channels, switchedOn, window, backoff, clock, delivery);
    delivery.scheduleWithFixedDelay(notifier::flushDue, 1, 1, TimeUnit.SECONDS);
    return notifier;
  }

  /**
   * The kinds {@code TAI2_NOTIFY_EVENTS} switches on: {@code all} (the default), {@code none}, or a list of ids such as
   * {@code entry_filled,exit,risk_lock}.
   *
   * @throws InvalidSettingsException naming an id that is no kind, and the ids there are
   */
  public static Set<NotificationKind> switchedOn(List<String> ids) {
    if (ids.isEmpty() || ids.contains("all")) {
      return EnumSet.copyOf(NotificationKind.events());
    }
    Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      if (!id.equals("none")) {
        NotificationKind.byId(id).ifPresentOrElse(kinds::add, () -> unknown.add(id));
      }
    }
    if (!unknown.isEmpty()) {
      String known =
          NotificationKind.events().stream()
              .map(NotificationKind::id)
              .collect(Collectors.joining(", "));
      throw new InvalidSettingsException(
          List.of(
              "TAI2_NOTIFY_EVENTS=\""
                  + String.join(",", ids)
                  + "\": "
                  + String.join(", ", unknown)
                  + " is not an event; use all, none or a comma list of "
                  + known));
    }
    return kinds;
  }

  /** Whether notifications of this kind are sent at all. */
  public boolean switchedOn(NotificationKind kind) {
    return setup.switchedOn().contains(kind);
  }

  /** Whether any channel is configured. */
  public boolean hasChannels() {
    return !setup.channels().isEmpty();
  }

  /** Sends from now on to {@code channels}, for the kinds in {@code switchedOn}; sends already queued go where they were going. */
  void reconfigure(List<NotificationChannel> channels, Set<NotificationKind> switchedOn) {
    setup = new Setup(channels, switchedOn);
    log.info(
        "event=notifier_ready channels=\"{}\" events={}",
        channels.stream().map(NotificationChannel::name).toList(),
        switchedOn.stream().map(NotificationKind::id).toList());
  }

  /** What one channel made of a test message: {@code error} is empty when it was accepted. */
  public record TestResult(String channel, boolean delivered, String error) {}

  /**
   * Sends {@code text} once to every channel now, whatever the switches, and waits for each answer (at most the
   * channels' own timeouts, in parallel): the operator's "send a test message". Never retried, never coalesced.
   */
  public List<TestResult> test(String text, Instant at) {
    Notification notification = new Notification(NotificationKind.TEST, "", text, Map.of(), at);
    List<NotificationChannel> now = setup.channels();
    List<Future<TestResult>> answers = new ArrayList<>();
    try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
      for (NotificationChannel channel : now) {
        answers.add(each.submit(() -> testOne(channel, notification)));
      }
    }
    return answers.stream().map(Future::resultNow).toList();
  }

  private static TestResult testOne(NotificationChannel channel, Notification notification) {
    try {
      channel.send(notification);
      log.info("event=notification_test channel=\"{}\" delivered=true", channel.name());
      return new TestResult(channel.name(), true, "");
    } catch (NotificationChannel.DeliveryFailure e) {
      log.warn(
          "event=notification_test channel=\"{}\" delivered=false error=\"{}\"",
          channel.name(),
          e.getMessage());
      return new TestResult(channel.name(), false, e.getMessage());
    } catch (RuntimeException e) {
      log.warn(
          "event=notification_test channel=\"{}\" delivered=false error={}",
          channel.name(),
          e.getClass().getSimpleName());
      return new TestResult(channel.name(), false, "failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Queues {@code notification} for every channel, or holds it back as a repeat; returns at once and never throws. */
  public void publish(Notification notification) {
    try {
      Setup current = setup;
      if (!current.switchedOn().contains(notification.kind()) || current.channels().isEmpty()) {
        return;
      }
      Key key = new Key(notification.kind(), notification.symbol());
      Instant now = clock.instant();
      List<Notification> out = new ArrayList<>(2);
      synchronized (windows) {
        Window open = windows.get(key);
        if (open != null && now.isBefore(open.opened().plus(window))) {
          windows.put(key, new Window(open.opened(), open.held() + 1, notification));
          return;
        }
        if (open != null && open.held() > 0) {
          out.add(
              summary(
                  open)); // its window is over but the flush has not run yet: the held ones first
        }
        windows.put(key, new Window(now, 0, notification));
        out.add(notification);
      }
      out.forEach(this::deliver);
    } catch (RuntimeException e) {
      log.warn(
          "event=notification_not_queued kind={} error=\"{}\"",
          notification.kind().id(),
          e.toString());
    }
  }

  /** Closes the windows that are over, sending one message for what each held back. */
  void flushDue() {
    try {
      Instant now = clock.instant();
      List<Notification> out = new ArrayList<>();
      synchronized (windows) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
          Window open = it.next();
          if (!now.isBefore(open.opened().plus(window))) {
            if (open.held() > 0) {
              out.add(summary(open));
            }
            it.remove();
          }
        }
      }
      out.forEach(this::deliver);
    } catch (RuntimeException e) {
      log.warn("event=notification_flush_failed error=\"{}\"", e.toString());
    }
  }

  private Notification summary(Window held) {
    return held.latest()
        .withSuffix(
            "\n(… and "
                + held.held()
                + " more "
                + held.latest().kind().id()
                + " within "
                + window.toSeconds()
                + " s; this is the latest)");
  }

  private void deliver(Notification notification) {
    for (NotificationChannel channel : setup.channels()) {
      submit(() -> attempt(channel, notification, 1), Duration.ZERO);
    }
  }

  private void attempt(NotificationChannel channel, Notification notification, int attempt) {
    try {
      channel.send(notification);
      log.info(
          "event=notification_sent channel=\"{}\" kind={} symbol={} attempt={}",
          channel.name(),
          notification.kind().id(),
          notification.symbol(),
          attempt);
    } catch (NotificationChannel.DeliveryFailure e) {
      if (e.retryable() && attempt <= backoff.size()) {
        log.info(
            "event=notification_retry channel=\"{}\" kind={} attempt={} error=\"{}\"",
            channel.name(),
            notification.kind().id(),
            attempt,
            e.getMessage());
        submit(() -> attempt(channel, notification, attempt + 1), backoff.get(attempt - 1));
      } else {
        log.warn(
            "event=notification_failed channel=\"{}\" kind={} symbol={} attempts={} error=\"{}\"",
            channel.name(),
            notification.kind().id(),
            notification.symbol(),
            attempt,
            e.getMessage());
      }
    } catch (RuntimeException e) {
      log.warn(
          "event=notification_failed channel=\"{}\" kind={} symbol={} attempts={} error=\"{}\"",
          channel.name(),
          notification.kind().id(),
          notification.symbol(),
          attempt,
          e.getClass().getSimpleName());
    }
  }

  private void submit(Runnable task, Duration after) {
    try {
      delivery.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.warn("event=notification_dropped reason=notifier_closed");
    }
  }

  /** Stops the delivery threads; queued and retrying sends are dropped. */
  @Override
  public void close() {
    delivery.shutdownNow();
  }
}
