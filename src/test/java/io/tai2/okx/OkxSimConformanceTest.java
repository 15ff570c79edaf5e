package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

/**
 * For every endpoint that both the captures and the simulator serve, the simulator's reply has every field the real
 * reply has, with the same JSON type, inside the same envelope. Deliberate differences are in {@link
 * SimConformanceAllowList}. Captured endpoints the simulator does not serve yet are skipped with the reason in {@link
 * #NOT_SERVED_YET}; when one starts being served it is compared here automatically and its entry must go.
 */
class OkxSimConformanceTest {

  /** Captured endpoints the simulator answers 404 today, and why. Must shrink as endpoints land. */
  static final Map<String, String> NOT_SERVED_YET =
      Map.ofEntries(
          Map.entry(
              "GET /api/v5/asset/deposit-address",
              "not in issue 17: the simulator has no deposits or withdrawals"),
          Map.entry(
              "GET /api/v5/account/interest-rate",
              "not in issue 17: the simulator has no borrowing"),
          Map.entry(
              "GET /api/v5/rubik/stat/taker-volume-contract",
              "not in issue 17: tai2 reads no taker volume"));

  /** Endpoints the simulator serves that answer the same objects as a captured endpoint, so they are compared too. */
  static final Map<String, String> SAME_SHAPE =
      Map.of(
          "POST /api/v5/trade/batch-orders", "POST /api/v5/trade/order",
          "GET /api/v5/trade/fills-history", "GET /api/v5/trade/fills",
          "GET /api/v5/account/bills-archive", "GET /api/v5/account/bills",
          "GET /api/v5/market/history-candles", "GET /api/v5/market/candles");

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static SimFixture sim;
  static Scenario scenario;

  /** What the trading session left behind, for requests that name it. */
  record Scenario(String filledOrdId, String algoToCancel, String transId, BigDecimal last) {}

  @BeforeAll
  static void tradeASession() {
    sim = new SimFixture();
    OkxRestClient rest = sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC);
    OkxTrading trading = new OkxTrading(rest);
    OkxFunding funding = new OkxFunding(rest);
    BigDecimal last = new OkxMarketData(rest).ticker(BTC).last();
    BigDecimal stop = last.multiply(new BigDecimal("0.9")).setScale(1, RoundingMode.DOWN);
    trading.setLeverage(BTC, new BigDecimal("5"), "cross");
    String filled =
        trading.placeOrder(
            order(BTC, "buy", "market", "2", Optional.empty(), "conf1", Optional.of(stop)));
    trading.placeOrder(
        order(BTC, "buy", "limit", "1", Optional.of(stop), "conf2", Optional.empty()));
    String algo =
        trading.placeProtection(BTC, "cross", "sell", Optional.of(stop), Optional.empty(), "conf3");
    trading.placeOrder(
        order(ETH, "buy", "market", "1", Optional.empty(), "conf4", Optional.empty()));
    trading.closePosition(ETH, "cross", "conf5");
    String transId =
        funding.transfer("USDT", BigDecimal.ONE, OkxFunding.TRADING, OkxFunding.FUNDING, "conf6");
    scenario = new Scenario(filled, algo, transId, last);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static OrderRequest order(
      String instId,
      String side,
      String type,
      String sz,
      Optional<BigDecimal> px,
      String clOrdId,
      Optional<BigDecimal> sl) {
    return new OrderRequest(
        instId, "cross", side, type, new BigDecimal(sz), px, clOrdId, false, Optional.empty(), sl);
  }

  @TestFactory
  Stream<DynamicTest> everyCapturedEndpointTheSimulatorServesHasTheRealFieldsAndTypes() {
    Set<String> endpoints = new TreeSet<>();
    Captures.replies().forEach(r -> endpoints.add(r.endpoint()));
    List<DynamicTest> tests = new ArrayList<>();
    for (String captured : endpoints) {
      tests.add(DynamicTest.dynamicTest(captured, () -> compare(captured, captured)));
      if (SAME_SHAPE.containsKey(captured)) {
        String alias = SAME_SHAPE.get(captured);
        tests.add(
            DynamicTest.dynamicTest(captured + " as " + alias, () -> compare(captured, alias)));
      }
    }
    return tests.stream();
  }

  @Test
  void everyAllowListEntryNamesACapturedEndpoint() {
    Set<String> endpoints = new TreeSet<>();
    Captures.replies().forEach(r -> endpoints.add(r.endpoint()));
    endpoints.addAll(SAME_SHAPE.values());

    assertThat(SimConformanceAllowList.ENTRIES.keySet())
        .allSatisfy(
            entry -> assertThat(endpoints).as(entry).anyMatch(e -> entry.startsWith(e + " ")));
    assertThat(NOT_SERVED_YET.keySet()).allSatisfy(e -> assertThat(endpoints).contains(e));
  }

  @Test
  void shapeDiff_reportsAMissingFieldAWrongTypeAndAShortRow() {
    JsonNode real =
        Captures.JSON.readTree(
            "{\"code\":\"0\",\"data\":[{\"sz\":\"1\",\"on\":false,\"row\":[\"1\",\"2\"],\"gone\":\"\"}]}");
    JsonNode mine =
        Captures.JSON.readTree(
            "{\"code\":\"0\",\"data\":[{\"sz\":1,\"on\":false,\"row\":[\"1\"]}]}");
    List<String> differences = new ArrayList<>();

    ShapeDiff.compare("GET /x", real, mine, differences);

    assertThat(differences)
        .containsExactlyInAnyOrder(
            "GET /x data[].sz: string in OKX, number in the simulator",
            "GET /x data[].row[][1]: missing",
            "GET /x data[].gone: missing");
  }

  private static void compare(String capturedEndpoint, String simEndpoint) {
    Reply answer = probe(simEndpoint);
    boolean listed = NOT_SERVED_YET.containsKey(simEndpoint);
    if (answer.status() == 404) {
      assertThat(listed)
          .as("%s is not served by the simulator and not listed in NOT_SERVED_YET", simEndpoint)
          .isTrue();
      Assumptions.abort("not served yet: " + NOT_SERVED_YET.get(simEndpoint));
    }
    assertThat(listed).as("%s is served now: remove it from NOT_SERVED_YET", simEndpoint).isFalse();
    assertThat(answer.body().path("code").asString())
        .as("%s refused the probe: %s", simEndpoint, answer.body())
        .isEqualTo("0");

    List<String> differences = new ArrayList<>();
    for (Captures.Reply real : Captures.replies(capturedEndpoint)) {
      ShapeDiff.compare(simEndpoint, real.envelope(), answer.body(), differences);
    }
    List<String> unexplained =
        differences.stream().distinct().filter(d -> !SimConformanceAllowList.allows(d)).toList();
    assertThat(unexplained).as("simulator reply of %s: %s", simEndpoint, answer.body()).isEmpty();
  }

  /** The simulator's HTTP status and parsed envelope. */
  record Reply(int status, JsonNode body) {}

  /** Asks the simulator, signed with the demo key, what a client would ask it for this endpoint. */
  private static Reply probe(String endpoint) {
    String[] verbAndPath = endpoint.split(" ", 2);
    String query = "";
    String body = "";
    if (verbAndPath[0].equals("GET")) {
      query = OkxRestClient.query(queryFor(verbAndPath[1]));
    } else {
      body = bodyFor(verbAndPath[1]);
    }
    return send(verbAndPath[0], verbAndPath[1] + query, body);
  }

  private static Map<String, String> queryFor(String path) {
    Map<String, String> q = new LinkedHashMap<>();
    switch (path) {
      case "/api/v5/trade/order" -> {
        q.put("instId", BTC);
        q.put("ordId", scenario.filledOrdId());
      }
      case "/api/v5/trade/orders-algo-pending" -> q.put("ordType", "conditional");
      case "/api/v5/trade/orders-history" -> {
        q.put("instType", "SWAP");
        q.put("state", "filled");
      }
      case "/api/v5/asset/transfer-state" -> q.put("transId", scenario.transId());
      case "/api/v5/account/positions-history" -> { // the session closed its ETH position
        q.put("instType", "SWAP");
        q.put("instId", ETH);
      }
      case "/api/v5/public/instruments" -> q.put("instType", "SWAP");
      case "/api/v5/public/open-interest" -> {
        q.put("instType", "SWAP");
        q.put("instId", BTC);
      }
      default -> q.putAll(rewritten(bestCapturedQuery(path)));
    }
    return q;
  }

  /** A captured query of the endpoint (one naming an instrument when there is one). */
  private static Map<String, String> bestCapturedQuery(String path) {
    List<Captures.Request> requests =
        Captures.requests().stream().filter(r -> r.endpoint().equals("GET " + path)).toList();
    return requests.stream()
        .filter(r -> r.query().containsKey("instId"))
        .findFirst()
        .or(() -> requests.stream().findFirst())
        .map(Captures.Request::query)
        .orElse(Map.of());
  }

  /** The simulator lists the standard USDT swaps only: name those instead of the captured spot or coin pairs. */
  private static Map<String, String> rewritten(Map<String, String> query) {
    Map<String, String> q = new TreeMap<>(query);
    q.computeIfPresent("instId", (k, v) -> BTC);
    q.computeIfPresent("instType", (k, v) -> "SWAP");
    q.computeIfPresent("ccy", (k, v) -> "USDT");
    return q;
  }

  private static String bodyFor(String path) {
    String stop =
        scenario
            .last()
            .multiply(new BigDecimal("0.9"))
            .setScale(1, RoundingMode.DOWN)
            .toPlainString();
    String entry =
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\",\"clOrdId\":\"probe"
            + System.nanoTime() % 100000
            + "\",\"attachAlgoOrds\":[{\"slTriggerPx\":\""
            + stop
            + "\",\"slOrdPx\":\"-1\"}]}";
    return switch (path) {
      case "/api/v5/trade/order" -> entry;
      case "/api/v5/trade/batch-orders" -> "[" + entry + "]";
      case "/api/v5/trade/order-algo" ->
          "{\"instId\":\""
              + BTC
              + "\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"conditional\",\"sz\":\"1\","
              + "\"slTriggerPx\":\""
              + stop
              + "\",\"slOrdPx\":\"-1\",\"algoClOrdId\":\"probe1\"}";
      case "/api/v5/trade/cancel-algos" ->
          "[{\"instId\":\"" + BTC + "\",\"algoId\":\"" + scenario.algoToCancel() + "\"}]";
      case "/api/v5/asset/transfer" ->
          "{\"ccy\":\"USDT\",\"amt\":\"1\",\"from\":\"6\",\"to\":\"18\",\"type\":\"0\"}";
      default -> throw new IllegalStateException("no probe body for POST " + path);
    };
  }

  private static Reply send(String method, String pathAndQuery, String body) {
    String timestamp = OkxSigner.timestamp(SimFixture.NOW);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.server.port() + pathAndQuery))
            .header("Content-Type", "application/json")
            .header("x-simulated-trading", "1")
            .header("OK-ACCESS-KEY", SimFixture.DEMO.apiKey())
            .header(
                "OK-ACCESS-SIGN",
                OkxSigner.sign(SimFixture.DEMO.secretKey(), timestamp, method, pathAndQuery, body))
            .header("OK-ACCESS-TIMESTAMP", timestamp)
            .header("OK-ACCESS-PASSPHRASE", SimFixture.DEMO.passphrase())
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), Captures.JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Field-by-field comparison of a real reply with the simulator's, as "endpoint path: what differs" lines. */
  static final class ShapeDiff {

    private ShapeDiff() {}

    static void compare(String endpoint, JsonNode real, JsonNode sim, List<String> out) {
      node(endpoint + " ", real, sim, out);
    }

    private static void node(String at, JsonNode real, JsonNode sim, List<String> out) {
      if (real.getNodeType() != sim.getNodeType()) {
        out.add(at.strip() + ": " + type(real) + " in OKX, " + type(sim) + " in the simulator");
        return;
      }
      if (real.isObject()) {
        real.propertyStream()
            .forEach(
                e -> {
                  JsonNode mine = sim.get(e.getKey());
                  String path = at + (at.endsWith(" ") ? "" : ".") + e.getKey();
                  if (mine == null) {
                    out.add(path + ": missing");
                  } else {
                    node(path, e.getValue(), mine, out);
                  }
                });
      } else if (real.isArray() && !real.isEmpty()) {
        String path = at.strip() + "[]";
        if (sim.isEmpty()) {
          out.add(path + ": empty in the simulator, so its items cannot be compared");
        } else if (real.get(0).isValueNode()) {
          // A row of values (candle, book level): same length, same type at each position.
          for (int i = 0; i < real.size(); i++) {
            if (i >= sim.size()) {
              out.add(path + "[" + i + "]: missing");
            } else if (real.get(i).getNodeType() != sim.get(i).getNodeType()) {
              out.add(
                  path
                      + "["
                      + i
                      + "]: "
                      + type(real.get(i))
                      + " in OKX, "
                      + type(sim.get(i))
                      + " in the simulator");
            }
          }
        } else {
          // Every object the simulator sends (a trade bill and a transfer bill, say) must have
          // every real field.
          for (JsonNode item : real) {
            for (JsonNode mine : sim) {
              node(path, item, mine, out);
            }
          }
        }
      }
    }

    private static String type(JsonNode n) {
      return n.getNodeType() == JsonNodeType.STRING
          ? "string"
          : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }
}
