package io.tai2.okx;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A new order (docs/spec/okx-openrouter-protocols.md §5.1). {@code sz} in contracts; {@code clOrdId} is mandatory here because tai2 never sends an
 * order it cannot look up afterwards. Attached TP/SL trigger at market ({@code ordPx -1}). {@code posSide} is "net" for
 * an account in net mode, "long" or "short" in long/short mode.
 */
public record OrderRequest(
    String instId,
    String tdMode,
    String side,
    String ordType,
    BigDecimal sz,
    Optional<BigDecimal> px,
    String clOrdId,
    boolean reduceOnly,
    Optional<BigDecimal> takeProfitTrigger,
    Optional<BigDecimal> stopLossTrigger,
    String posSide) {

  public OrderRequest {
    if (!clOrdId.matches("[A-Za-z0-9]{1,32}")) {
      throw new IllegalArgumentException(
          "clOrdId must be 1-32 letters or digits, was \"" + clOrdId + "\"");
    }
    if (!List.of("net", "long", "short").contains(posSide)) {
      throw new IllegalArgumentException(
          "posSide must be net, long or short, was \"" + posSide + "\"");
    }
  }

  /** An order for an account in net position mode. */
  public OrderRequest(
      String instId,
      String tdMode,
      String side,
      String ordType,
      BigDecimal sz,
      Optional<BigDecimal> px,
      String clOrdId,
      boolean reduceOnly,
      Optional<BigDecimal> takeProfitTrigger,
      Optional<BigDecimal> stopLossTrigger) {
    this(
        instId,
        tdMode,
        side,
        ordType,
        sz,
        px,
        clOrdId,
        reduceOnly,
        takeProfitTrigger,
        stopLossTrigger,
        "net");
  }

  /** The same order for one side of an account in long/short mode. */
  public OrderRequest withPosSide(String side) {
    return new OrderRequest(
        instId,
        tdMode,
        this.side,
        ordType,
        sz,
        px,
        clOrdId,
        reduceOnly,
        takeProfitTrigger,
        stopLossTrigger,
        side);
  }

  /** The JSON body OKX expects: numbers as strings, absent fields omitted. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instId", instId);
    body.put("tdMode", tdMode);
    body.put("clOrdId", clOrdId);
    body.put("side", side);
    body.put("posSide", posSide);
    body.put("ordType", ordType);
    body.put("sz", sz.toPlainString());
    px.ifPresent(p -> body.put("px", p.toPlainString()));
    if (reduceOnly) {
      body.put("reduceOnly", true);
    }
    if (takeProfitTrigger.isPresent() || stopLossTrigger.isPresent()) {
      Map<String, Object> algo = new LinkedHashMap<>();
      algo.put(
          "attachAlgoClOrdId",
          clOrdId.length() <= 30 ? clOrdId + "ps" : clOrdId.substring(0, 30) + "ps");
      putMarketTriggers(algo, stopLossTrigger, takeProfitTrigger);
      body.put("attachAlgoOrds", List.of(algo));
    }
    return body;
  }

  /** Adds stop-loss / take-profit triggers that execute at market ({@code ordPx -1}) to an OKX request body. */
  static void putMarketTriggers(
      Map<String, Object> body, Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit) {
    stopLoss.ifPresent(
        sl -> {
          body.put("slTriggerPx", sl.toPlainString());
          body.put("slOrdPx", "-1");
        });
    takeProfit.ifPresent(
        tp -> {
          body.put("tpTriggerPx", tp.toPlainString());
          body.put("tpOrdPx", "-1");
        });
  }
}
