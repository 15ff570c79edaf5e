package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.InvalidSettingsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifierTest {

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  final ManualClock clock = new ManualClock(T0);
  final Recording channel = new Recording();
  final ScheduledThreadPoolExecutor delivery = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stop() {
    delivery.shutdownNow();
  }

  Notifier notifier(Sends channel, Set<NotificationKind> on) {
    return new Notifier(
        List.of(channel),
        on,
        Duration.ofSeconds(60),
        List.of(Duration.ofMillis(10), Duration.ofMillis(40)),
        clock,
        delivery);
  }

  Notifier notifier() {
    return notifier(channel, EnumSet.allOf(NotificationKind.class));
  }

  static Notification note(NotificationKind kind, String symbol, String text) {
    return new Notification(kind, symbol, text, Map.of("k", "v"), T0);
  }

  @Test
  void
      givenFourFillsOfOneSymbolWithinAMinute_whenTheWindowCloses_thenTheFirstWentOutAtOnceAndTheRestAsOneAndThreeMore()
          throws Exception {
    Notifier notifier = notifier();
    notifier.publish(note(NotificationKind.ENTRY_FILLED, "BTC-USDT-SWAP", "fill 1"));
    assertThat(channel.next()).isEqualTo("fill 1");
    for (int i = 2; i <= 4; i++) {
      clock.advance(Duration.ofSeconds(10));
      notifier.publish(note(NotificationKind.ENTRY_FILLED, "BTC-USDT-SWAP", "fill " + i));
    }
    notifier.flushDue();
    assertThat(channel.none()).as("held back inside the window").isTrue();

    clock.advance(Duration.ofSeconds(31)); // 61 s after the first
    notifier.flushDue();

    assertThat(channel.next())
        .isEqualTo("fill 4\n(… and 3 more entry_filled within 60 s; this is the latest)");
    clock.advance(Duration.ofSeconds(1));
    notifier.publish(note(NotificationKind.ENTRY_FILLED, "BTC-USDT-SWAP", "fill 5"));
    assertThat(channel.next()).as("a new window: sent at once").isEqualTo("fill 5");
  }

  @Test
  void givenRepeatsHeldBack_whenTheNextArrivesAfterTheWindowBeforeAFlush_thenTheSummaryGoesFirst()
      throws Exception {
    Notifier notifier = notifier();
    notifier.publish(note(NotificationKind.RISK_LOCK, "", "lock 1"));
    notifier.publish(note(NotificationKind.RISK_LOCK, "", "lock 2"));
    clock.advance(Duration.ofSeconds(60));

    notifier.publish(note(NotificationKind.RISK_LOCK, "", "lock 3"));

    assertThat(List.of(channel.next(), channel.next(), channel.next()))
        .containsExactly(
            "lock 1", "lock 2\n(… and 1 more risk_lock within 60 s; this is the latest)", "lock 3");
  }

  @Test
  void givenTwoSymbolsOrTwoKinds_whenPublishedTogether_thenNeitherIsHeldBack() throws Exception {
    Notifier notifier = notifier();
    notifier.publish(note(NotificationKind.ENTRY_FILLED, "BTC-USDT-SWAP", "btc"));
    notifier.publish(note(NotificationKind.ENTRY_FILLED, "ETH-USDT-SWAP", "eth"));
    notifier.publish(note(NotificationKind.EXIT, "BTC-USDT-SWAP", "btc exit"));

    assertThat(List.of(channel.next(), channel.next(), channel.next()))
        .containsExactlyInAnyOrder("btc", "eth", "btc exit");
  }

  @Test
  void givenOnlyExitSwitchedOn_whenAFillAndAnExitArePublished_thenOnlyTheExitIsSent()
      throws Exception {
    Notifier notifier = notifier(channel, Notifier.switchedOn(List.of("exit")));
    notifier.publish(note(NotificationKind.ENTRY_FILLED, "BTC-USDT-SWAP", "fill"));
    notifier.publish(note(NotificationKind.EXIT, "BTC-USDT-SWAP", "exit"));

    assertThat(channel.next()).isEqualTo("exit");
    assertThat(channel.none()).isTrue();
  }

  @Test
  void
      givenTheEventsVariable_whenParsed_thenAllByDefaultNoneForNoneAndAnUnknownNameIsRefusedWithTheKnownOnes() {
    assertThat(Notifier.switchedOn(List.of("all")))
        .isEqualTo(EnumSet.copyOf(NotificationKind.events()));
    assertThat(Notifier.switchedOn(List.of())).isEqualTo(EnumSet.copyOf(NotificationKind.events()));
    assertThat(Notifier.switchedOn(List.of("none"))).isEmpty();
    assertThat(Notifier.switchedOn(List.of("entry_filled", "kill_switch")))
        .containsExactlyInAnyOrder(NotificationKind.ENTRY_FILLED, NotificationKind.KILL_SWITCH);
    assertThatThrownBy(() -> Notifier.switchedOn(List.of("exit", "fills")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("TAI2_NOTIFY_EVENTS=\"exit,fills\": fills is not an event")
        .hasMessageContaining("entry_filled, exit");
  }

  @Test
  void givenAChannelFailingTwiceRetryably_whenPublished_thenTheThirdTryDelivers() throws Exception {
    channel.failures.add(new NotificationChannel.DeliveryFailure("test: HTTP 503", true));
    channel.failures.add(new NotificationChannel.DeliveryFailure("test: HTTP 503", true));
    notifier().publish(note(NotificationKind.KILL_SWITCH, "", "kill"));

    assertThat(channel.next()).isEqualTo("kill");
    assertThat(channel.attempts).isEqualTo(3);
  }

  @Test
  void givenAChannelThatKeepsFailingOrRefuses_whenPublished_thenThreeTriesAtMostAndNoneForARefusal()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      channel.failures.add(new NotificationChannel.DeliveryFailure("test: HTTP 500", true));
    }
    notifier().publish(note(NotificationKind.EXIT, "BTC-USDT-SWAP", "exit"));
    Thread.sleep(300); // the backoffs are 10 and 40 ms: every retry there will be has run by now
    assertThat(channel.attempts).isEqualTo(3);

    Recording refusing = new Recording();
    refusing.failures.add(
        new NotificationChannel.DeliveryFailure("test: HTTP 400 chat not found", false));
    notifier(refusing, EnumSet.allOf(NotificationKind.class))
        .publish(note(NotificationKind.EXIT, "ETH-USDT-SWAP", "exit"));
    Thread.sleep(300);
    assertThat(refusing.attempts).isEqualTo(1);
    assertThat(refusing.none()).isTrue();
  }

  @Test
  void
      givenTheSettingsChangedAtRuntime_whenReconfigured_thenTheNewChannelGetsTheKindsNowOnAndTheOldOneNothing()
          throws Exception {
    Notifier notifier = notifier();
    Recording replacement = new Recording();

    notifier.reconfigure(List.of(replacement), EnumSet.of(NotificationKind.EXIT));
    notifier.publish(note(NotificationKind.ENTRY_FILLED, "BTC-USDT-SWAP", "fill"));
    notifier.publish(note(NotificationKind.EXIT, "BTC-USDT-SWAP", "exit"));

    assertThat(replacement.next()).isEqualTo("exit");
    assertThat(replacement.none()).as("entry_filled is off now").isTrue();
    assertThat(channel.none()).as("the old channel is gone").isTrue();
  }

  @Test
  void
      givenOneChannelThatRefusesAndOneThatAccepts_whenATestMessageIsSent_thenEachSaysHowItWentEvenWithItsKindsOff()
          throws Exception {
    Recording refusing =
        new Recording() {
          @Override
          public String name() {
            return "refusing";
          }
        };
    refusing.failures.add(
        new NotificationChannel.DeliveryFailure("refusing: HTTP 400 chat not found", false));
    Notifier notifier =
        new Notifier(
            List.of(channel, refusing),
            EnumSet.noneOf(NotificationKind.class),
            Duration.ofSeconds(60),
            List.of(),
            clock,
            delivery);

    List<Notifier.TestResult> results = notifier.test("hello", T0);

    assertThat(results)
        .containsExactly(
            new Notifier.TestResult("recording", true, ""),
            new Notifier.TestResult("refusing", false, "refusing: HTTP 400 chat not found"));
    assertThat(channel.next()).isEqualTo("hello");
    assertThat(refusing.attempts).as("a test is never retried").isEqualTo(1);
  }

  /** A channel that records texts and throws the queued failures first. */
  interface Sends extends NotificationChannel {}

  static class Recording implements Sends {
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    final Deque<NotificationChannel.DeliveryFailure> failures = new ArrayDeque<>();
    volatile int attempts;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public synchronized void send(Notification notification) {
      attempts++;
      NotificationChannel.DeliveryFailure failure = failures.poll();
      if (failure != null) {
        throw failure;
      }
      sent.add(notification.text());
    }

    String next() throws InterruptedException {
      String text = sent.poll(5, TimeUnit.SECONDS);
      assertThat(text).as("a message within 5 s").isNotNull();
      return text;
    }

    boolean none() throws InterruptedException {
      return sent.poll(100, TimeUnit.MILLISECONDS) == null;
    }
  }

  static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
