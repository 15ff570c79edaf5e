package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's WebSocket service at the wire level, with a bare JDK WebSocket: exact OKX control messages, error
 * codes and push shapes (docs/spec/okx-openrouter-protocols.md §8, §12.6).
 */
class SimWebSocketWireTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  final SimFixture sim = new SimFixture();
  final List<WebSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() {
    sockets.forEach(WebSocket::abort);
    sim.close();
  }

  /** A raw connection that queues every text frame received. */
  final class Raw implements WebSocket.Listener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final StringBuilder partial = new StringBuilder();
    volatile int closeCode;
    WebSocket ws;

    Raw(String service) {
      ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create(
                      "ws://127.0.0.1:"
                          + sim.server.port()
                          + "/ws/v5/"
                          + service
                          + "?brokerId=9999"),
                  this)
              .join();
      sockets.add(ws);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode = statusCode;
      return null;
    }

    void send(String text) {
      ws.sendText(text, true).join();
    }

    String next() throws InterruptedException {
      String message = received.poll(5, TimeUnit.SECONDS);
      assertThat(message).as("a message within 5 s").isNotNull();
      return message;
    }

    JsonNode nextJson() throws InterruptedException {
      return JSON.readTree(next());
    }

    void login(String secret) {
      String ts = Long.toString(SimFixture.NOW.getEpochSecond());
      send(
          "{\"op\":\"login\",\"args\":[{\"apiKey\":\"demo-key\",\"passphrase\":\"demo-pass\",\"timestamp\":\""
              + ts
              + "\",\"sign\":\""
              + OkxSigner.signWebSocketLogin(secret, ts)
              + "\"}]}");
    }
  }

  @Test
  void givenATextPing_whenSent_thenTheSimulatorAnswersPong() throws Exception {
    Raw raw = new Raw("public");
    raw.send("ping");
    assertThat(raw.next()).isEqualTo("pong");
  }

  @Test
  void givenATickerSubscriptionWithAnId_whenSubscribed_thenOneAckEchoesIdAndArgAndTheTickerFollows()
      throws Exception {
    Raw raw = new Raw("public");
    raw.send(
        "{\"id\":\"1512\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT-SWAP\"}]}");

    JsonNode ack = raw.nextJson();
    assertThat(ack.path("id").asString()).isEqualTo("1512");
    assertThat(ack.path("event").asString()).isEqualTo("subscribe");
    assertThat(ack.path("arg").path("instId").asString()).isEqualTo("BTC-USDT-SWAP");
    assertThat(ack.path("connId").asString()).isNotEmpty();
    JsonNode push = raw.nextJson();
    assertThat(push.path("arg").path("channel").asString()).isEqualTo("tickers");
    assertThat(new BigDecimal(push.path("data").get(0).path("last").asString()))
        .isEqualByComparingTo(sim.market.last("BTC-USDT-SWAP"));

    sim.market.setPrice("BTC-USDT-SWAP", new BigDecimal("61234.5"));
    assertThat(raw.nextJson().path("data").get(0).path("last").asString()).isEqualTo("61234.5");
  }

  @Test
  void givenWrongChannelsOrUrls_whenSubscribed_thenOkxErrorCodesComeBack() throws Exception {
    Raw pub = new Raw("public");
    pub.send(
        "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT-SWAP\"}]}");
    assertThat(pub.nextJson().path("code").asString()).isEqualTo("64001");
    pub.send(
        "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"NOPE-USDT-SWAP\"}]}");
    assertThat(pub.nextJson().path("code").asString()).isEqualTo("60018");
    pub.send("not json");
    assertThat(pub.nextJson().path("code").asString()).isEqualTo("60012");

    Raw priv = new Raw("private");
    priv.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"}]}");
    assertThat(priv.nextJson().path("code").asString()).isEqualTo("60011");
  }

  @Test
  void givenLoginAttempts_whenVerified_thenABadSignIsRefusedAndAGoodOneAcceptedOnce()
      throws Exception {
    Raw priv = new Raw("private");
    priv.login("wrong-secret");
    JsonNode refused = priv.nextJson();
    assertThat(refused.path("event").asString()).isEqualTo("error");
    assertThat(refused.path("code").asString()).isEqualTo("60007");

    priv.login("demo-secret");
    JsonNode ok = priv.nextJson();
    assertThat(ok.path("event").asString()).isEqualTo("login");
    assertThat(ok.path("code").asString()).isEqualTo("0");

    priv.login("demo-secret");
    assertThat(priv.nextJson().path("code").asString()).isEqualTo("60031");
  }

  @Test
  void givenAnOrdersSubscription_whenAMarketOrderFills_thenTheOrderAndPositionArePushedWithTheUid()
      throws Exception {
    Raw priv = new Raw("private");
    priv.login("demo-secret");
    priv.nextJson();
    priv.send(
        "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"},{\"channel\":\"positions\",\"instType\":\"SWAP\"}]}");
    assertThat(priv.nextJson().path("event").asString()).isEqualTo("subscribe");
    assertThat(priv.nextJson().path("event").asString()).isEqualTo("channel-conn-count");
    assertThat(priv.nextJson().path("event").asString()).isEqualTo("subscribe");
    assertThat(priv.nextJson().path("event").asString()).isEqualTo("channel-conn-count");
    JsonNode snapshot = priv.nextJson();
    assertThat(snapshot.path("eventType").asString()).isEqualTo("snapshot");
    assertThat(snapshot.path("data").isEmpty()).isTrue();

    new OkxTrading(sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC))
        .placeOrder(
            new OrderRequest(
                "ETH-USDT-SWAP",
                "cross",
                "buy",
                "market",
                new BigDecimal("2"),
                Optional.empty(),
                "wire1",
                false,
                Optional.empty(),
                Optional.empty()));

    Map<String, JsonNode> byChannel = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      JsonNode push = priv.nextJson();
      byChannel.put(push.path("arg").path("channel").asString(), push);
    }
    JsonNode order = byChannel.get("orders").path("data").get(0);
    assertThat(order.path("clOrdId").asString()).isEqualTo("wire1");
    assertThat(order.path("state").asString()).isEqualTo("filled");
    assertThat(order.path("execType").asString()).isEqualTo("T");
    assertThat(byChannel.get("orders").path("arg").path("uid").asString()).isNotEmpty();
    JsonNode position = byChannel.get("positions");
    assertThat(position.path("eventType").asString()).isEqualTo("event_update");
    assertThat(position.path("data").get(0).path("pos").asString()).isEqualTo("2");
  }

  @Test
  void givenABooksSubscription_whenThePriceMoves_thenUpdatesChainAndTheLegacyChecksumMatches()
      throws Exception {
    sim.api.webSocket().legacyChecksum(true);
    Raw pub = new Raw("public");
    pub.send(
        "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"XRP-USDT-SWAP\"}]}");
    pub.nextJson();
    JsonNode snapshot = pub.nextJson();
    assertThat(snapshot.path("action").asString()).isEqualTo("snapshot");
    JsonNode first = snapshot.path("data").get(0);
    assertThat(first.path("prevSeqId").asLong()).isEqualTo(-1);
    assertThat(first.path("asks").size()).isEqualTo(400);
    assertThat(first.path("checksum").asInt()).isEqualTo(checksum(first));

    sim.market.setPrice(
        "XRP-USDT-SWAP", sim.market.last("XRP-USDT-SWAP").add(new BigDecimal("0.0003")));
    JsonNode update = pub.nextJson();
    assertThat(update.path("action").asString()).isEqualTo("update");
    JsonNode u = update.path("data").get(0);
    assertThat(u.path("prevSeqId").asLong()).isEqualTo(first.path("seqId").asLong());
    // Three ticks up: three asks leave the bottom, three bids join the top, and as many leave at
    // the far ends.
    assertThat(u.path("asks").size()).isEqualTo(6);
    assertThat(u.path("bids").size()).isEqualTo(6);
  }

  @Test
  void givenAQuietBook_whenTheHeartbeatIsDue_thenAnEmptyUpdateRepeatsTheSequenceNumber()
      throws Exception {
    sim.api.webSocket().bookHeartbeat(Duration.ofMillis(300));
    Raw pub = new Raw("public");
    pub.send(
        "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"LTC-USDT-SWAP\"}]}");
    pub.nextJson();
    long seq = pub.nextJson().path("data").get(0).path("seqId").asLong();

    JsonNode heartbeat = pub.nextJson();

    assertThat(heartbeat.path("action").asString()).isEqualTo("update");
    JsonNode data = heartbeat.path("data").get(0);
    assertThat(data.path("asks").isEmpty() && data.path("bids").isEmpty()).isTrue();
    assertThat(data.path("prevSeqId").asLong()).isEqualTo(seq);
    assertThat(data.path("seqId").asLong()).isEqualTo(seq);
  }

  @Test
  void
      givenThirtyConnectionsOnOrders_whenAThirtyFirstSubscribes_thenItGetsTheCountErrorAndIsClosed()
          throws Exception {
    for (int i = 1; i <= 31; i++) {
      Raw priv = new Raw("private");
      priv.login("demo-secret");
      priv.nextJson();
      priv.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"}]}");
      assertThat(priv.nextJson().path("event").asString()).isEqualTo("subscribe");
      JsonNode count = priv.nextJson();
      assertThat(count.path("connCount").asString()).isEqualTo(Integer.toString(i));
      if (i == 31) {
        assertThat(count.path("event").asString()).isEqualTo("channel-conn-count-error");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (priv.closeCode == 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(priv.closeCode).isEqualTo(4009);
      } else {
        assertThat(count.path("event").asString()).isEqualTo("channel-conn-count");
      }
    }
  }

  /** The checksum of a snapshot message computed independently from its levels. */
  private static int checksum(JsonNode book) {
    List<Map.Entry<String, String>> bids = new ArrayList<>();
    List<Map.Entry<String, String>> asks = new ArrayList<>();
    book.path("bids").forEach(l -> bids.add(Map.entry(l.get(0).asString(), l.get(1).asString())));
    book.path("asks").forEach(l -> asks.add(Map.entry(l.get(0).asString(), l.get(1).asString())));
    return OkxBookChecksum.of(bids, asks);
  }

  @Test
  void givenAnIdleConnection_whenNothingIsPushed_thenTheSimulatorClosesItWith4004()
      throws Exception {
    sim.api.webSocket().idleTimeout(Duration.ofMillis(600));
    Raw pub = new Raw("public");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (pub.closeCode == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(pub.closeCode).isEqualTo(4004);
  }
}
