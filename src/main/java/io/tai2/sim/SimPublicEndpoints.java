package io.tai2.sim;

import io.tai2.okx.Instrument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Public reads over all instruments at once, as third-party clients make them: {@code market/tickers},
 * {@code public/funding-rate?instId=ANY}, {@code public/mark-price} without {@code instId}, {@code market/books-full}
 * and {@code system/status}. Single-instrument reads stay with {@link SimMarketEndpoints}.
 */
final class SimPublicEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> INST_TYPES =
      List.of("SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION");

  private final SimMarket market;
  private final SimMarketEndpoints single;

  SimPublicEndpoints(SimMarket market, SimMarketEndpoints single) {
    this.market = market;
    this.single = single;
  }

  /** {@code GET market/tickers}: {@code instType} required; the simulator lists only swaps (other types: no rows). */
  SimResponse tickers(Map<String, String> query) {
    return everyInstrument(query, single::ticker);
  }

  /** {@code GET public/funding-rate}: one instrument, or every swap with {@code instId=ANY}. */
  SimResponse fundingRate(Map<String, String> query) {
    return "ANY".equals(query.get("instId")) ? all(single::fundingRate) : single.fundingRate(query);
  }

  /** {@code GET public/mark-price}: {@code instType} required; every swap unless {@code instId} names one. */
  SimResponse markPrice(Map<String, String> query) {
    return query.getOrDefault("instId", "").isEmpty()
        ? everyInstrument(query, single::markPrice)
        : single.markPrice(query);
  }

  /** {@code GET market/books-full}: {@code sz} 1–5000 (default 1); the simulated book is as deep as {@code market/books}. */
  SimResponse booksFull(Map<String, String> query) {
    String sz = query.getOrDefault("sz", "1");
    if (!sz.matches("\\d{1,4}") || Integer.parseInt(sz) < 1 || Integer.parseInt(sz) > 5000) {
      return new SimResponse(
          400, "{\"code\":\"51000\",\"msg\":\"Parameter sz error\",\"data\":[]}");
    }
    Map<String, String> capped = new HashMap<>(query);
    capped.put("sz", Integer.toString(Math.min(400, Integer.parseInt(sz))));
    return single.books(capped);
  }

  /** {@code GET system/status}: no maintenance is ever planned on the simulator, so no rows (as OKX answers then). */
  SimResponse systemStatus() {
    return SimResponse.ok("[]");
  }

  private SimResponse everyInstrument(
      Map<String, String> query, Function<Instrument, ObjectNode> row) {
    String instType = query.getOrDefault("instType", "");
    if (instType.isEmpty()) {
      return new SimResponse(
          400, "{\"code\":\"50014\",\"msg\":\"Parameter instType can not be empty.\",\"data\":[]}");
    }
    if (!INST_TYPES.contains(instType)) {
      return new SimResponse(
          400, "{\"code\":\"51000\",\"msg\":\"Parameter instType error\",\"data\":[]}");
    }
    return instType.equals("SWAP") ? all(row) : SimResponse.ok("[]");
  }

  private SimResponse all(Function<Instrument, ObjectNode> row) {
    ArrayNode rows = JSON.createArrayNode();
    market.instruments().values().forEach(i -> rows.add(row.apply(i)));
    return SimResponse.ok(JSON.writeValueAsString(rows));
  }
}
