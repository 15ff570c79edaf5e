package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An answered write survives {@code kill -9} on the embedded H2 database: a settings change answered 200 (and its audit
 * entry), and an order intent stored before the order is sent. H2's default writes committed changes in the background
 * (500 ms later), which lost such writes; tai2 sets {@code WRITE_DELAY=0}.
 */
class DurabilityIT {

  static final int ROUNDS = 20;
  static final String BTC = "BTC-USDT-SWAP";
  static final String ORDER_PATH = "/api/v5/trade/order";
  static final String TOKEN = "durability-token";

  @Test
  void
      givenTheEmbeddedDatabase_whenTheAppIsKilledRightAfterAnsweringASettingsChange_thenTheChangeAndItsAuditEntryAreInTheFile()
          throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("durability-settings")) {
      List<Integer> lost = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        int value =
            100 + round; // distinct per round, so an older round's row cannot pass for this one
        app.start(Map.of("TAI2_API_TOKEN", TOKEN));
        HttpResponse<String> put =
            api(
                app,
                "PUT",
                "/api/settings",
                "{\"guardrails\":{\"max_trades_per_hour\":" + value + "}}");
        assertThat(put.statusCode()).as("round %d: %s", round, put.body()).isEqualTo(200);
        app.killApp();

        try (Connection db = app.openDatabase()) {
          String holdsValue = "\"max_trades_per_hour\"\\s*:\\s*" + value + "\\b";
          boolean saved =
              count(
                      db,
                      "select count(*) from settings where name = 'guardrails' and regexp_like(document, ?)",
                      holdsValue)
                  == 1;
          boolean audited =
              count(
                      db,
                      "select count(*) from settings_audit where regexp_like(after_doc, ?)",
                      holdsValue)
                  == 1;
          if (!saved || !audited) {
            lost.add(value);
          }
        }
      }
      System.out.printf(
          "DurabilityIT: settings changes kept after kill -9: %d of %d (lost: %s)%n",
          ROUNDS - lost.size(), ROUNDS, lost);
      assertThat(lost)
          .as("settings changes (or their audit entries) lost after an answered PUT and kill -9")
          .isEmpty();
    }
  }

  @Test
  void
      givenAnOrderInFlight_whenTheAppIsKilledAsTheExchangeReceivesIt_thenItsIntentIsInTheFileWithTheSameClientOrderId()
          throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("durability-order")) {
      app.startSim(
          "--seed",
          "7",
          "--llm-strategy",
          "alternate",
          "--llm-stop-pct",
          "4",
          "--llm-take-pct",
          "8");
      app.start(Map.of("TAI2_API_TOKEN", TOKEN));
      Processes.await(
          "the account in the prompt context",
          Duration.ofSeconds(90),
          app.app,
          () ->
              json(api(app, "GET", "/llm/prompt?symbol=" + BTC, null))
                  .path("context")
                  .path("account")
                  .has("equity_usd"));
      HttpResponse<String> live =
          api(
              app,
              "PUT",
              "/execution/settings",
              "{\"execution\":{\"enabled\":true},\"guardrails\":"
                  + "{\"min_hold_seconds\":0,\"max_trades_per_hour\":0,\"daily_loss_limit_pct\":0}}");
      assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
      sim(
          app,
          "POST",
          "/__sim/faults",
          "{\"method\":\"POST\",\"path\":\""
              + ORDER_PATH
              + "\",\"kind\":\"DELAY\",\"delay_ms\":60000,\"count\":1}");

      CompletableFuture<HttpResponse<String>> cycle =
          CompletableFuture.supplyAsync(() -> api(app, "POST", "/llm/execute?symbol=" + BTC, ""));
      Processes.await(
          "the order reaches the exchange",
          Duration.ofSeconds(60),
          app.app,
          () -> !orderRequests(app).isEmpty());
      app.killApp();
      String clOrdId =
          Stack.JSON
              .readTree(orderRequests(app).getFirst().path("body").asString())
              .path("clOrdId")
              .asString();
      assertThat(cycle.handle((r, e) -> e != null || r.statusCode() >= 500).get())
          .as("the cycle died with the app")
          .isTrue();

      try (Connection db = app.openDatabase()) {
        assertThat(count(db, "select count(*) from orders where client_order_id = ?", clOrdId))
            .as("the intent of %s was in the file before the order left", clOrdId)
            .isEqualTo(1);
      }
      System.out.printf("DurabilityIT: order intent %s kept after kill -9: 1 of 1%n", clOrdId);

      app.start(Map.of("TAI2_API_TOKEN", TOKEN));
      Processes.await(
          "reconciliation settles the in-flight order",
          Duration.ofSeconds(90),
          app.app,
          () -> json(api(app, "GET", "/execution/feedback", null)).toString().contains(clOrdId));
    }
  }

  private static int count(Connection db, String sql, String parameter) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** A REST call as an API client makes it (bearer token: no CSRF). */
  private static HttpResponse<String> api(
      EmbeddedApp app, String method, String path, String json) {
    return app.request(method, path, json, "Authorization", "Bearer " + TOKEN);
  }

  private static List<JsonNode> orderRequests(EmbeddedApp app) {
    List<JsonNode> orders = new ArrayList<>();
    json(sim(app, "GET", "/__sim/journal", null))
        .forEach(
            e -> {
              if (e.path("target").asString().equals(ORDER_PATH)) {
                orders.add(e);
              }
            });
    return orders;
  }

  private static HttpResponse<String> sim(
      EmbeddedApp app, String method, String path, String json) {
    HttpResponse<String> r =
        app.send(
            HttpRequest.newBuilder(URI.create(app.simUrl(path)))
                .method(
                    method,
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isLessThan(300);
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) {
    return Stack.JSON.readTree(r.body());
  }
}
