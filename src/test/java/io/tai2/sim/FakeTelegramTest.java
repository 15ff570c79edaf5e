package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fake Telegram Bot API's getUpdates and its control endpoints, over HTTP as a bot and a test script use them. */
class FakeTelegramTest {

  static final String TOKEN = "4242:fake-telegram-test";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
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

  static HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode updates(long offset, int timeout) throws IOException, InterruptedException {
    HttpResponse<String> r =
        post(
            "/bot" + TOKEN + "/getUpdates",
            "{\"offset\":" + offset + ",\"timeout\":" + timeout + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("result");
  }

  @Test
  void
      givenAMessageSentThroughTheControlApi_whenTheBotPolls_thenItGetsItUntilItConfirmsItWithTheOffset()
          throws Exception {
    HttpResponse<String> sent =
        post("/__sim/telegram/updates", "{\"chat_id\":\"777000\",\"text\":\"/status\"}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    long id = JSON.readTree(sent.body()).path("update_id").asLong();

    JsonNode first = updates(0, 0);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).path("update_id").asLong()).isEqualTo(id);
    assertThat(first.get(0).path("message").path("chat").path("id").asLong()).isEqualTo(777000L);
    assertThat(first.get(0).path("message").path("text").asString()).isEqualTo("/status");
    assertThat(updates(0, 0)).as("not confirmed yet: served again").hasSize(1);

    assertThat(updates(id + 1, 0)).as("confirmed by the offset").isEmpty();
    assertThat(telegram.pendingUpdates()).isEmpty();
  }

  @Test
  void givenABotWaitingInALongPoll_whenAMessageArrives_thenThatPollReturnsIt() throws Exception {
    CompletableFuture<JsonNode> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return updates(0, 20);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    while (telegram.pollsWaiting() == 0) {
      Thread.sleep(10); // the poll has reached the fake and waits there
    }
    assertThat(waiting).as("nothing to return yet: the poll waits").isNotDone();

    telegram.inject("-100200300", "/pnl");

    JsonNode got = waiting.get();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).path("message").path("chat").path("type").asString()).isEqualTo("group");
  }

  @Test
  void
      givenOnePollWaiting_whenASecondPollComes_thenTheFirstEndsWith409AsTelegramAnswersTwoBotInstances()
          throws Exception {
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post("/bot" + TOKEN + "/getUpdates", "{\"timeout\":20}");
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    while (telegram.pollsWaiting() == 0) {
      Thread.sleep(10);
    }

    assertThat(updates(0, 0)).isEmpty();

    assertThat(first.get().statusCode()).isEqualTo(409);
    assertThat(first.get().body()).contains("terminated by other getUpdates request");
  }

  @Test
  void
      givenAWrongTokenOrAMessageTheBotSent_whenPolledOrListed_then401AndTheMessageIsListedUnderItsChat()
          throws Exception {
    assertThat(post("/bot999:wrong/getUpdates", "{}").statusCode()).isEqualTo(401);
    assertThat(
            post("/bot" + TOKEN + "/sendMessage", "{\"chat_id\":\"777000\",\"text\":\"hi\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post("/bot" + TOKEN + "/sendMessage", "{\"chat_id\":\"5\",\"text\":\"other\"}")
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> listed =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + sim.port()
                            + "/__sim/telegram/messages?chat_id=777000"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode messages = JSON.readTree(listed.body());
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("text").asString()).isEqualTo("hi");
    assertThat(telegram.requests())
        .allSatisfy(c -> assertThat(c.path()).doesNotContain(TOKEN).doesNotContain("wrong"));
  }
}
