package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.Secret;
import io.tai2.sim.FakeTelegram;
import io.tai2.sim.SimServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Telegram channel against the simulator's fake Bot API. */
class TelegramChannelTest {

  static final String TOKEN = "123456:AAH-test-bot-token";
  static final String CHAT = "-1001234567";
  static FakeTelegram telegram;
  static SimServer sim;

  @BeforeAll
  static void start() {
    telegram = new FakeTelegram(Clock.systemUTC(), TOKEN);
    sim = new SimServer(null, null, null, telegram, 0);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void forget() {
    telegram.reset();
  }

  TelegramChannel channel(String token) {
    return new TelegramChannel(
        URI.create("http://127.0.0.1:" + sim.port() + "/"),
        Secret.of(token),
        CHAT,
        JsonPost.defaultClient());
  }

  static Notification note(String text) {
    return new Notification(
        NotificationKind.ENTRY_FILLED,
        "BTC-USDT-SWAP",
        text,
        Map.of("side", "buy"),
        Instant.parse("2026-12-06T10:00:00Z"));
  }

  @Test
  void
      givenABot_whenANotificationIsSent_thenSendMessageGetsTheChatIdAndTextAndTheTokenIsOnlyInThePath() {
    TelegramChannel channel = channel(TOKEN);

    channel.send(
        note(
            "tai2 [DEMO] Entry filled: buy 1.5 contracts BTC-USDT-SWAP at 65000 (SL 63000, TP 68000) & <more>"));

    assertThat(telegram.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.chatId()).isEqualTo(CHAT);
              assertThat(m.text())
                  .isEqualTo(
                      "tai2 [DEMO] Entry filled: buy 1.5 contracts BTC-USDT-SWAP at 65000 (SL 63000, TP 68000) & <more>");
            });
    FakeTelegram.Call call = telegram.requests().getFirst();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/bot****/sendMessage");
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.body()).doesNotContain(TOKEN);
    assertThat(call.headers().values()).noneMatch(v -> v.contains(TOKEN));
    assertThat(channel.name()).doesNotContain(TOKEN).endsWith("/bot****/sendMessage");
  }

  @Test
  void givenAWrongToken_whenSent_thenARefusalThatIsNotRetriedAndDoesNotShowTheToken() {
    assertThatThrownBy(() -> channel("999:wrong-token").send(note("x")))
        .isInstanceOfSatisfying(
            NotificationChannel.DeliveryFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("wrong-token");
    assertThat(telegram.messages()).isEmpty();
  }

  @Test
  void givenTelegramAnswers429Or500_whenSent_thenTheFailureIsRetryable() {
    telegram.failNext(429, 1);
    telegram.failNext(500, 1);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> channel(TOKEN).send(note("x")))
          .isInstanceOfSatisfying(
              NotificationChannel.DeliveryFailure.class, f -> assertThat(f.retryable()).isTrue());
    }
    channel(TOKEN).send(note("x"));
    assertThat(telegram.textsTo(CHAT)).containsExactly("x");
  }

  @Test
  void givenATextLongerThanTelegramTakes_whenSent_thenItIsCutTo4096Characters() {
    channel(TOKEN).send(note("a".repeat(5000)));

    assertThat(telegram.lastMessage().orElseThrow().text()).hasSize(4096).endsWith("a…");
  }
}
