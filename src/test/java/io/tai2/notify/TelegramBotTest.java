package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.Secret;
import io.tai2.sim.FakeTelegram;
import io.tai2.sim.SimServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The command poller against the simulator's fake Bot API: the configured chat is answered, any other chat neither
 * answered nor obeyed (and logged by chat id only), and no log line ever shows the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class TelegramBotTest {

  static final String TOKEN = "5150:AAE-telegram-bot-test-token";
  static final String CHAT = "777000";
  static final String STRANGER = "31337";

  FakeTelegram telegram;
  SimServer sim;
  TelegramBot bot;
  final TelegramCommandsTest.RecordingDesk desk = new TelegramCommandsTest.RecordingDesk();

  @BeforeEach
  void start() {
    telegram = new FakeTelegram(Clock.systemUTC(), TOKEN);
    sim = new SimServer(null, null, null, telegram, 0);
    bot =
        new TelegramBot(
            new TelegramCommands(desk, new Confirmations(Clock.systemUTC(), new Random(3))),
            JsonPost.defaultClient(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    bot.close();
    sim.close();
  }

  NotifyTargets.Telegram target(String token) {
    return new NotifyTargets.Telegram(
        URI.create("http://127.0.0.1:" + sim.port()), Secret.of(token), CHAT);
  }

  List<String> awaitTexts(String chat, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (telegram.textsTo(chat).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(telegram.textsTo(chat)).as("answers to " + chat).hasSize(count);
    return telegram.textsTo(chat);
  }

  @Test
  void givenTheOperatorsChat_whenItSendsAKillAndItsCode_thenTheBotAsksForTheCodeAndThenKills()
      throws Exception {
    bot.serve(Optional.of(target(TOKEN)));

    telegram.inject(CHAT, "/kill");
    String ask = awaitTexts(CHAT, 1).getFirst();
    telegram.inject(CHAT, "/confirm " + TelegramCommandsTest.code(ask));

    assertThat(awaitTexts(CHAT, 2).get(1)).isEqualTo("killed flatten=false");
    assertThat(desk.actions).containsExactly("kill flatten=false by telegram chat " + CHAT);
  }

  @Test
  void givenAnotherChat_whenItSendsCommands_thenNoneIsAnsweredNorObeyedAndTheLogNamesOnlyItsChatId(
      CapturedOutput output) throws Exception {
    bot.serve(Optional.of(target(TOKEN)));

    telegram.inject(STRANGER, "/kill_flatten");
    telegram.inject(STRANGER, "/confirm 123456");
    telegram.inject(CHAT, "/status"); // handled after the stranger's, in order

    assertThat(awaitTexts(CHAT, 1)).containsExactly("status text");
    assertThat(telegram.textsTo(STRANGER)).isEmpty();
    assertThat(telegram.messages()).allSatisfy(m -> assertThat(m.chatId()).isEqualTo(CHAT));
    assertThat(desk.actions).isEmpty();
    assertThat(output.getAll())
        .contains(
            "event=telegram_command_ignored chat_id="
                + STRANGER
                + " reason=\"not the configured chat\"")
        .doesNotContain("/kill_flatten")
        .doesNotContain("123456")
        .doesNotContain(TOKEN);
  }

  @Test
  void givenATokenTelegramRefuses_whenTheBotPolls_thenTheFailureIsLoggedWithoutTheTokenAndRetried(
      CapturedOutput output) throws Exception {
    String wrong = "5150:AAE-a-token-that-is-not-known";
    bot.serve(Optional.of(target(wrong)));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!output.getAll().contains("event=telegram_poll_failed")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(output.getAll())
        .contains(
            "event=telegram_poll_failed error=\"telegram http://127.0.0.1:"
                + sim.port()
                + "/bot****/getUpdates: HTTP 401")
        .doesNotContain(wrong)
        .doesNotContain("a-token-that-is-not-known");
    assertThat(telegram.requests())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(401));
  }

  @Test
  void givenAnotherBotSaved_whenServedAgain_thenTheNewBotPollsAndTheOldOneStops() throws Exception {
    FakeTelegram other = new FakeTelegram(Clock.systemUTC(), "6160:AAE-second-bot");
    try (SimServer second = new SimServer(null, null, null, other, 0)) {
      bot.serve(Optional.of(target(TOKEN)));
      awaitPolling(telegram);

      bot.serve(
          Optional.of(
              new NotifyTargets.Telegram(
                  URI.create("http://127.0.0.1:" + second.port()),
                  Secret.of("6160:AAE-second-bot"),
                  CHAT)));
      awaitPolling(other);
      telegram.inject(CHAT, "/status");
      other.inject(CHAT, "/pnl");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (other.textsTo(CHAT).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(other.textsTo(CHAT)).containsExactly("pnl text");
      assertThat(telegram.textsTo(CHAT)).as("the old bot no longer reads").isEmpty();
      assertThat(telegram.pendingUpdates()).hasSize(1);
    }
  }

  static void awaitPolling(FakeTelegram fake) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (fake.pollsWaiting() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(fake.pollsWaiting()).as("a poll waits").isEqualTo(1);
  }
}
