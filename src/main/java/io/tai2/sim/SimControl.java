package io.tai2.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The control API outside {@code /api/v5} (docs/spec/okx-openrouter-protocols.md §12.1), for tests and scripts in other processes: arm and clear
 * faults, pin prices, advance the price path, read the request journal.
 */
final class SimControl {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimRestApi api;
  private final SimMarket market;

  SimControl(SimRestApi api, SimMarket market) {
    this.api = api;
    this.market = market;
  }

  SimResponse handle(String method, String path, String body) {
    try {
      return switch (method + " " + path) {
        case "GET /__sim/journal" -> new SimResponse(200, journal());
        case "POST /__sim/faults" -> arm(JSON.readTree(body));
        case "DELETE /__sim/faults" -> {
          api.faults().clear();
          yield new SimResponse(200, "{\"cleared\":true}");
        }
        case "POST /__sim/price" -> {
          JsonNode b = JSON.readTree(body);
          market.setPrice(b.path("instId").asString(), new BigDecimal(b.path("px").asString()));
          yield new SimResponse(200, "{\"ok\":true}");
        }
        case "POST /__sim/advance" -> {
          market.advance(JSON.readTree(body).path("bars").asInt(1));
          yield new SimResponse(200, "{\"ok\":true}");
        }
        case "POST /__sim/ws" -> webSocket(JSON.readTree(body));
        case "POST /__sim/clock" -> clock(JSON.readTree(body));
        case "POST /__sim/scenario" -> scenario(JSON.readTree(body));
        default ->
            new SimResponse(
                404, "{\"error\":\"unknown control endpoint " + method + " " + path + "\"}");
      };
    } catch (JacksonException | IllegalArgumentException e) {
      return new SimResponse(
          400, JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
    }
  }

  private SimResponse arm(JsonNode b) {
    SimFaults.Kind kind = SimFaults.Kind.valueOf(b.path("kind").asString());
    api.faults()
        .arm(
            new SimFaults.Fault(
                b.path("method").asString("POST"),
                b.path("path").asString(),
                kind,
                b.path("count").asInt(1),
                Duration.ofMillis(b.path("delay_ms").asLong(0)),
                b.path("code").asString(""),
                b.path("message").asString("")));
    return new SimResponse(200, "{\"armed\":true}");
  }

  /**
   * WebSocket faults: {@code {"action":"close","code":4004}}, {@code mute}/{@code unmute}, {@code book_gap} (instId),
   * {@code notice} (64008), {@code liquidation} (instId, side, posSide, sz, bkPx); {@code service} limits to one of
   * public/private/business.
   */
  private SimResponse webSocket(JsonNode b) {
    SimWebSocket ws = api.webSocket();
    Optional<String> service = Optional.ofNullable(b.path("service").asString(null));
    switch (b.path("action").asString("")) {
      case "close" ->
          ws.closeAll(
              service,
              b.path("code").asInt(4004),
              b.path("reason").asString("Closed by the simulator"));
      case "mute" -> ws.mute(service, true);
      case "unmute" -> ws.mute(service, false);
      case "book_gap" -> ws.bookGap(b.path("instId").asString());
      case "notice" -> ws.upgradeNotice(service);
      case "liquidation" ->
          ws.liquidation(
              b.path("instId").asString(),
              b.path("side").asString("buy"),
              b.path("posSide").asString("short"),
              b.path("sz").asString("1"),
              b.path("bkPx").asString("0"));
      default ->
          throw new IllegalArgumentException(
              "unknown action; use close, mute, unmute, book_gap, notice or liquidation");
    }
    return new SimResponse(200, "{\"ok\":true,\"connections\":" + ws.connections() + "}");
  }

  /**
   * Runs control requests in order, e.g. {@code {"steps":[{"path":"/__sim/price","body":{"instId":"BTC-USDT-SWAP",
   * "px":"59000"}},{"sleep_ms":200},{"path":"/__sim/ws","body":{"action":"close","code":1011}}]}}; stops at the first
   * step that fails and says which.
   */
  private SimResponse scenario(JsonNode b) {
    JsonNode steps = b.path("steps");
    if (!steps.isArray() || steps.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs a non-empty \"steps\" array");
    }
    int done = 0;
    for (JsonNode step : steps) {
      if (step.has("sleep_ms")) {
        try {
          Thread.sleep(step.path("sleep_ms").asLong());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      } else {
        String path = step.path("path").asString("");
        if (path.equals("/__sim/scenario")) {
          throw new IllegalArgumentException("step " + (done + 1) + ": scenarios do not nest");
        }
        SimResponse answer =
            handle(
                step.path("method").asString("POST"),
                path,
                JSON.writeValueAsString(step.path("body")));
        if (answer.status() != 200) {
          return new SimResponse(
              answer.status(),
              "{\"failed_step\":" + (done + 1) + ",\"answer\":" + answer.body() + "}");
        }
      }
      done++;
    }
    return new SimResponse(200, "{\"steps\":" + done + "}");
  }

  /** {@code {"advance_ms": N}} or {@code {"set": "2026-11-25T16:00:00Z"}}; answers the simulator's time. */
  private SimResponse clock(JsonNode b) {
    if (!(api.clock() instanceof SimClock clock)) {
      return new SimResponse(409, "{\"error\":\"this simulator runs on a fixed clock\"}");
    }
    if (b.has("set")) {
      clock.set(Instant.parse(b.path("set").asString()));
    } else {
      clock.advance(Duration.ofMillis(b.path("advance_ms").asLong(0)));
    }
    api.exchange().settleFundingDue();
    return new SimResponse(
        200, "{\"now\":\"" + clock.instant() + "\",\"ts\":\"" + clock.millis() + "\"}");
  }

  private String journal() {
    ArrayNode rows = JSON.createArrayNode();
    for (SimJournal.Entry e : api.journal().entries()) {
      rows.addObject()
          .put("received_at", e.receivedAtMillis())
          .put("method", e.method())
          .put("target", e.target())
          .put("body", e.body())
          .put("status", e.status())
          .put("simulated_trading", e.simulatedTrading());
    }
    return JSON.writeValueAsString(rows);
  }
}
