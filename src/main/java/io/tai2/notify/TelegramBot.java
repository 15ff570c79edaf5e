package io.tai2.notify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the operator's commands from Telegram: one virtual thread long-polls {@code getUpdates} for the configured bot and
 * answers each message from the configured chat with {@link TelegramCommands}. A message from any other chat is not
 * answered and not acted on; the log names its chat id only. A message sent before this poller started (Telegram keeps
 * them up to a day) is not acted on either. Failures are retried with backoff; their log lines never show the token.
 */
final class TelegramBot implements AutoCloseable {

  /** How long Telegram may hold one poll open while nothing arrives. */
  static final Duration POLL = Duration.ofSeconds(25);

  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** Slack for Telegram's clock: a message dated this much before the start still counts as new. */
  static final Duration CLOCK_SLACK = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

  private final TelegramCommands commands;
  private final HttpClient http;
  private final Clock clock;
  private Optional<NotifyTargets.Telegram> serving = Optional.empty();
  private Poller poller;

  /** One poller's thread and its own stop flag (a replaced poller still finishing its last request must not go on). */
  private static final class Poller {
    volatile boolean stopped;
    Thread thread;
  }

  TelegramBot(TelegramCommands commands, HttpClient http, Clock clock) {
    this.commands = commands;
    this.http = http;
    this.clock = clock;
  }

  /** Polls for {@code target} from now on (a different bot or chat restarts the poller; empty stops it). */
  synchronized void serve(Optional<NotifyTargets.Telegram> target) {
    if (target.equals(serving) && (target.isEmpty() || poller != null)) {
      return;
    }
    stop();
    serving = target;
    if (target.isEmpty()) {
      return;
    }
    NotifyTargets.Telegram bot = target.get();
    TelegramUpdates updates = new TelegramUpdates(bot.apiUrl(), bot.token(), http);
    TelegramChannel replies = new TelegramChannel(bot.apiUrl(), bot.token(), bot.chatId(), http);
    Instant since = clock.instant().minus(CLOCK_SLACK);
    Poller p = new Poller();
    p.thread =
        Thread.ofVirtual()
            .name("telegram-commands")
            .unstarted(() -> run(p, updates, replies, since));
    poller = p;
    p.thread.start();
    log.info("event=telegram_commands_started poll=\"{}\"", updates.name());
  }

  private void run(Poller self, TelegramUpdates updates, TelegramChannel replies, Instant since) {
    long offset = 0;
    Duration backoff = Duration.ofSeconds(1);
    while (!self.stopped) {
      try {
        List<TelegramUpdates.Update> got = updates.poll(offset, POLL);
        backoff = Duration.ofSeconds(1);
        for (TelegramUpdates.Update update : got) {
          offset = Math.max(offset, update.updateId() + 1);
          if (!self.stopped) {
            handle(update, replies, since);
          }
        }
      } catch (NotificationChannel.DeliveryFailure | IllegalStateException e) {
        if (self.stopped) {
          return;
        }
        log.warn(
            "event=telegram_poll_failed error=\"{}\" retry_in_s={}",
            e.getMessage(),
            backoff.toSeconds());
        if (!pause(self, backoff)) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        // a bug in a command must not end the poller; the class name only, a message could quote
        // the request
        log.error("event=telegram_command_failed error={}", e.getClass().getName());
        if (!pause(self, backoff)) {
          return;
        }
      }
    }
  }

  private void handle(TelegramUpdates.Update update, TelegramChannel replies, Instant since) {
    if (!fromOperator(update, replies.chatId())) {
      log.warn(
          "event=telegram_command_ignored chat_id={} reason=\"not the configured chat\"",
          update.chatId());
      return;
    }
    String command = TelegramCommands.command(update.text().strip().split("\\s+", 2)[0]);
    if (update.sentAt().isBefore(since)) {
      log.info(
          "event=telegram_command_skipped chat_id={} command={} sent_at={} reason=\"sent before tai2 started\"",
          update.chatId(),
          loggable(command),
          update.sentAt());
      reply(
          replies,
          "Not done: "
              + loggable(command)
              + " was sent at "
              + update.sentAt()
              + ", before tai2 started; send it again if you still mean it.");
      return;
    }
    log.info("event=telegram_command chat_id={} command={}", update.chatId(), loggable(command));
    reply(replies, commands.answer(update.text(), "telegram chat " + update.chatId()));
  }

  /** Whether the message comes from the configured chat: its numeric id, or a channel's {@code @username}. */
  static boolean fromOperator(TelegramUpdates.Update update, String chatId) {
    return chatId.startsWith("@")
        ? chatId.substring(1).equalsIgnoreCase(update.chatUsername())
        : chatId.equals(update.chatId());
  }

  /** A command word fit for the log: letters, digits and underscores after its slash, at most 32; anything else is "text". */
  private static String loggable(String command) {
    return command.matches("/[a-z0-9_]{1,32}") ? command : "text";
  }

  private static void reply(TelegramChannel replies, String text) {
    try {
      replies.reply(text);
    } catch (NotificationChannel.DeliveryFailure e) {
      log.warn("event=telegram_reply_failed error=\"{}\"", e.getMessage());
    }
  }

  private static boolean pause(Poller self, Duration wait) {
    try {
      Thread.sleep(wait);
      return !self.stopped;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private synchronized void stop() {
    if (poller != null) {
      poller.stopped = true;
      poller.thread.interrupt();
      poller = null;
    }
  }

  @Override
  public synchronized void close() {
    stop();
    serving = Optional.empty();
  }
}
