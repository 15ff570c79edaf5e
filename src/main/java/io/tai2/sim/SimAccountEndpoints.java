package io.tai2.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Account and asset reads a third-party client makes at start or after a transfer: {@code account/leverage-info},
 * {@code asset/currencies} (USDT only, the simulator's one currency) and {@code asset/transfer-state}.
 */
final class SimAccountEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimExchange exchange;

  /** Per API key, the transfers it made (OKX keeps their state for a while; the simulator for its lifetime). */
  private final Map<String, List<ObjectNode>> transfers = new ConcurrentHashMap<>();

  SimAccountEndpoints(SimExchange exchange) {
    this.exchange = exchange;
  }

  /**
   * {@code GET account/leverage-info}: {@code instId} (comma list, ≤ 20) and {@code mgnMode} required; one row per
   * instrument ({@code net}), or one per side in long/short mode.
   */
  SimResponse leverageInfo(SimAccount account, Map<String, String> query) {
    String instIds = query.getOrDefault("instId", "");
    String mgnMode = query.getOrDefault("mgnMode", "");
    if (instIds.isEmpty()) {
      return error(400, "50014", "Parameter instId can not be empty.");
    }
    if (mgnMode.isEmpty()) {
      return error(400, "50014", "Parameter mgnMode can not be empty.");
    }
    if (!mgnMode.equals("cross") && !mgnMode.equals("isolated")) {
      return error(400, "51000", "Parameter mgnMode error");
    }
    List<String> ids = List.of(instIds.split(","));
    if (ids.size() > 20) {
      return error(400, "51000", "Parameter instId error");
    }
    boolean longShort = exchange.positionMode(account.apiKey()).equals(SimBook.LONG_SHORT_MODE);
    ArrayNode rows = JSON.createArrayNode();
    for (String instId : ids) {
      if (exchange.market().instrument(instId).isEmpty()) {
        return error(200, "51001", "Instrument ID or Spread ID doesn't exist.");
      }
      String lever = SimTradingEndpoints.str(exchange.leverage(account.apiKey(), instId, mgnMode));
      for (String posSide :
          longShort && mgnMode.equals("isolated") ? List.of("long", "short") : List.of("net")) {
        rows.addObject()
            .put("instId", instId)
            .put("ccy", "")
            .put("mgnMode", mgnMode)
            .put("posSide", posSide)
            .put("lever", lever);
      }
    }
    return SimResponse.ok(JSON.writeValueAsString(rows));
  }

  /** {@code GET asset/currencies}: USDT on one chain (the only currency the simulator holds); {@code ccy} filters. */
  SimResponse currencies(Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    String ccy = query.getOrDefault("ccy", "");
    if (ccy.isEmpty() || List.of(ccy.split(",")).contains("USDT")) {
      rows.addObject()
          .put("ccy", "USDT")
          .put("name", "Tether")
          .put("chain", "USDT-ERC20")
          .put("canDep", true)
          .put("canWd", true)
          .put("canInternal", true)
          .put("depQuotaFixed", "")
          .put("depQuoteDailyLayer2", "")
          .put("logoLink", "")
          .put("mainNet", false)
          .put("maxFee", "7.64")
          .put("maxFeeForCtAddr", "7.64")
          .put("maxWd", "18135350")
          .put("minDep", "0.00000001")
          .put("minDepArrivalConfirm", "64")
          .put("minFee", "3.82")
          .put("minFeeForCtAddr", "3.82")
          .put("minWd", "2")
          .put("minWdUnlockConfirm", "96")
          .put("needTag", false)
          .put("usedDepQuotaFixed", "")
          .put("usedWdQuota", "0")
          .put("wdQuota", "10000000")
          .put("wdTickSz", "8");
    }
    return SimResponse.ok(JSON.writeValueAsString(rows));
  }

  /** Remembers a successful {@code asset/transfer} (its reply row and request) for {@code transfer-state}. */
  SimResponse recordTransfer(SimAccount account, String requestBody, SimResponse reply) {
    JsonNode answer = JSON.readTree(reply.body());
    if (answer.path("code").asString("").equals("0")
        && answer.path("data").isArray()
        && !answer.path("data").isEmpty()) {
      JsonNode request = JSON.readTree(requestBody);
      ObjectNode row = ((ObjectNode) answer.path("data").get(0)).deepCopy();
      row.put("instId", "")
          .put("toInstId", "")
          .put("state", "success")
          .put("subAcct", SimTradingEndpoints.text(request, "subAcct").orElse(""))
          .put("type", SimTradingEndpoints.text(request, "type").orElse("0"));
      transfers.computeIfAbsent(account.apiKey(), k -> new CopyOnWriteArrayList<>()).add(row);
    }
    return reply;
  }

  /** {@code GET asset/transfer-state}: by {@code transId} or {@code clientId}; 58129-family when neither is given. */
  SimResponse transferState(SimAccount account, Map<String, String> query) {
    String transId = query.getOrDefault("transId", "");
    String clientId = query.getOrDefault("clientId", "");
    if (transId.isEmpty() && clientId.isEmpty()) {
      return error(400, "50014", "Parameter transId can not be empty.");
    }
    ArrayNode rows = JSON.createArrayNode();
    new ArrayList<>(transfers.getOrDefault(account.apiKey(), List.of()))
        .stream()
            .filter(
                t ->
                    transId.isEmpty()
                        ? t.path("clientId").asString().equals(clientId)
                        : t.path("transId").asString().equals(transId))
            .reduce((first, second) -> second)
            .ifPresent(rows::add);
    return SimResponse.ok(JSON.writeValueAsString(rows));
  }

  private static SimResponse error(int status, String code, String msg) {
    return new SimResponse(
        status, "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"data\":[]}");
  }
}
