package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tai2.config.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks through the real notifier and channel to a local HTTP receiver. */
class WebhookChannelTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  HttpServer receiver;
  final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  final AtomicInteger posts = new AtomicInteger();
  volatile int failFirst;
  final CountDownLatch arrived = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  volatile boolean hang;
  volatile boolean letGo;
  Notifier notifier;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext(
        "/hooks/T000/secret-path",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int n = posts.incrementAndGet();
          if (hang) {
            arrived.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
              letGo = true; // before the answer: a caller waiting for the answer would see this
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          int status = n <= failFirst ? 503 : 200;
          if (status == 200) {
            bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\n" + body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (notifier != null) {
      notifier.close();
    }
    receiver.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/T000/secret-path";
  }

  Notifier notifier() {
    WebhookChannel channel = new WebhookChannel(Secret.of(url()), JsonPost.defaultClient());
    notifier =
        Notifier.start(
            List.of(channel),
            EnumSet.allOf(NotificationKind.class),
            Duration.ofSeconds(60),
            List.of(Duration.ofMillis(50), Duration.ofMillis(200)),
            Clock.systemUTC());
    return notifier;
  }

  static Notification lock() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("lock", "daily_loss");
    fields.put("reason", "equity down 5.2 % since 00:00 UTC");
    return new Notification(
        NotificationKind.RISK_LOCK,
        "",
        "tai2 [DEMO] Daily-loss lock engaged",
        fields,
        Instant.parse("2026-12-06T10:00:00Z"));
  }

  @Test
  void
      givenAWebhookFailingTwiceThenAccepting_whenAnEventIsPublished_thenItIsRetriedAndPostedAsTextPlusEvent()
          throws Exception {
    failFirst = 2;
    notifier().publish(lock());

    String received = bodies.poll(5, TimeUnit.SECONDS);
    assertThat(received).as("delivered on the third try").isNotNull();
    assertThat(posts.get()).isEqualTo(3);
    String[] parts = received.split("\n", 2);
    assertThat(parts[0]).startsWith("application/json");
    JsonNode body = JSON.readTree(parts[1]);
    assertThat(body.path("text").asString()).isEqualTo("tai2 [DEMO] Daily-loss lock engaged");
    assertThat(body.path("event").path("kind").asString()).isEqualTo("risk_lock");
    assertThat(body.path("event").path("symbol").asString()).isEmpty();
    assertThat(body.path("event").path("at").asString()).isEqualTo("2026-12-06T10:00:00Z");
    assertThat(body.path("event").path("fields").path("reason").asString())
        .isEqualTo("equity down 5.2 % since 00:00 UTC");
  }

  @Test
  void
      givenAWebhookThatHangs_whenAnEventIsPublished_thenPublishReturnsWhileTheReceiverStillHoldsTheRequest()
          throws Exception {
    hang = true;
    Notifier notifier = notifier();

    notifier.publish(lock());

    assertThat(letGo).as("publish returned while the receiver still held the request").isFalse();
    assertThat(arrived.await(5, TimeUnit.SECONDS))
        .as("the POST reached the receiver, on the notifier's thread")
        .isTrue();
    assertThat(letGo).as("and it is still held there").isFalse();
    notifier.publish(
        new Notification(NotificationKind.EXIT, "BTC-USDT-SWAP", "exit", Map.of(), Instant.now()));
    release.countDown();
    assertThat(bodies.poll(5, TimeUnit.SECONDS)).contains("Daily-loss lock engaged");
  }

  @Test
  void givenAWebhookUrlWithATokenInItsPath_whenNamedForTheLog_thenOnlySchemeAndHostShow() {
    assertThat(new WebhookChannel(Secret.of(url()), JsonPost.defaultClient()).name())
        .isEqualTo("webhook http://127.0.0.1:" + receiver.getAddress().getPort() + "/…")
        .doesNotContain("secret-path");
  }
}
