package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OKX account and trade endpoints as typed calls (docs/spec/okx-openrouter-protocols.md §4, §5). Needs keys. One instance
 * serves one account (a reconfigure builds a new one), so it remembers the leverage OKX confirmed for that account.
 */
public final class OkxTrading {

  private final OkxRestClient rest;
  private final ConfirmedLeverage leverage = new ConfirmedLeverage();

  public OkxTrading(OkxRestClient rest) {
    this.rest = rest;
  }

  public AccountBalance balance() {
    return OkxJson.balance(rest.getPrivate("/api/v5/account/balance", Map.of()).get(0));
  }

  public void setLeverage(String instId, BigDecimal lever, String mgnMode) {
    setLeverage(instId, lever, mgnMode, "net");
  }

  /**
   * Sets the leverage of an instrument; {@code posSide} ({@code long}/{@code short}) matters only for isolated margin in
   * long/short mode, where OKX keeps one leverage per side, and is sent only then.
   */
  public void setLeverage(String instId, BigDecimal lever, String mgnMode, String posSide) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("instId", instId);
    body.put("lever", lever.toPlainString());
    body.put("mgnMode", mgnMode);
    if (mgnMode.equals("isolated") && !posSide.equals("net")) {
      body.put("posSide", posSide);
    }
    JsonNode answer;
    try {
      answer = rest.post("/api/v5/account/set-leverage", body);
    } catch (RuntimeException e) {
      leverage.forget(
          instId, mgnMode, posSide); // refused or unanswered: OKX's value is not known any more
      throw e;
    }
    // What OKX says it set; a different value than asked for is then never taken as confirmed for
    // this plan.
    BigDecimal set = OkxJson.optional(answer.path(0).path("lever")).orElse(lever);
    leverage.confirmed(instId, mgnMode, posSide, set, rest.now());
  }

  /**
   * Whether OKX confirmed exactly this leverage for this account, instrument, margin mode and side (its answer to a
   * set-leverage, or an open position at it) within {@code trust}, and has reported no other value since: a
   * set-leverage to it would change nothing.
   */
  public boolean leverageConfirmed(
      String instId, BigDecimal lever, String mgnMode, String posSide, Duration trust) {
    return leverage.holds(instId, mgnMode, posSide, lever, rest.now(), trust);
  }

  /**
   * Places an order; returns OKX's order id. Acceptance is not a fill: read the fill with {@link #order}.
   *
   * @throws OkxApiException when OKX refused it ({@code sCode} says why)
   * @throws OkxOutcomeUnknownException when no answer came: look it up by client order id, never resend
   */
  public String placeOrder(OrderRequest request) {
    return rest.post("/api/v5/trade/order", request.body()).get(0).path("ordId").asString();
  }

  /** The order with this client order id, or empty when OKX does not know it (51603). */
  public Optional<OrderDetails> order(String instId, String clOrdId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("clOrdId", clOrdId);
    try {
      OrderDetails order = OkxJson.order(rest.getPrivate("/api/v5/trade/order", params).get(0));
      if (order.lever().signum() > 0 && !order.tdMode().isEmpty()) {
        leverage.placedAt(order.instId(), order.tdMode(), order.posSide(), order.lever());
      }
      return Optional.of(order);
    } catch (OkxApiException e) {
      if (e.effectiveCode().equals("51603")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Places a stop-loss and/or take-profit on a position, closing the whole position when triggered
   * ({@code closeFraction 1}), at market. Returns the algo id.
   */
  public String placeProtection(
      String instId,
      String tdMode,
      String closeSide,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      String algoClOrdId) {
    return placeProtection(instId, tdMode, "net", closeSide, stopLoss, takeProfit, algoClOrdId);
  }

  /** {@link #placeProtection} for one side ({@code long}/{@code short}) of an account in long/short mode. */
  public String placeProtection(
      String instId,
      String tdMode,
      String posSide,
      String closeSide,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      String algoClOrdId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instId", instId);
    body.put("tdMode", tdMode);
    body.put("side", closeSide);
    body.put("posSide", posSide);
    body.put("ordType", stopLoss.isPresent() && takeProfit.isPresent() ? "oco" : "conditional");
    body.put("closeFraction", "1");
    body.put("reduceOnly", true);
    body.put("algoClOrdId", algoClOrdId);
    OrderRequest.putMarketTriggers(body, stopLoss, takeProfit);
    return rest.post("/api/v5/trade/order-algo", body).get(0).path("algoId").asString();
  }

  /** Cancels one algo order. */
  public void cancelAlgo(String instId, String algoId) {
    rest.post("/api/v5/trade/cancel-algos", List.of(Map.of("instId", instId, "algoId", algoId)));
  }

  /** Pending conditional and OCO algo orders. */
  public List<AlgoOrder> pendingAlgos() {
    return rest.getPrivate(
            "/api/v5/trade/orders-algo-pending", Map.of("ordType", "conditional,oco"))
        .valueStream()
        .map(OkxJson::algo)
        .toList();
  }

  /**
   * Conditional and OCO algo orders that finished in {@code state} ({@code effective}, {@code canceled},
   * {@code order_failed} …) over the last 7 days, newest first; {@link AlgoOrder#state()} tells which.
   */
  public List<AlgoOrder> algoHistory(String state) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ordType", "conditional,oco");
    params.put("state", state);
    return rest.getPrivate("/api/v5/trade/orders-algo-history", params)
        .valueStream()
        .map(OkxJson::algo)
        .toList();
  }

  /** Closes a whole position at market; OKX's answer carries no order id, so look the fill up by {@code clOrdId}. */
  public void closePosition(String instId, String mgnMode, String clOrdId) {
    closePosition(instId, mgnMode, "net", clOrdId);
  }

  /** {@link #closePosition(String, String, String)} for one side of an account in long/short mode. */
  public void closePosition(String instId, String mgnMode, String posSide, String clOrdId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instId", instId);
    body.put("mgnMode", mgnMode);
    body.put("posSide", posSide);
    body.put("autoCxl", true);
    body.put("clOrdId", clOrdId);
    rest.post("/api/v5/trade/close-position", body);
  }

  /** Adds ({@code add}) or removes ({@code reduce}) isolated margin; returns the real leverage afterwards. */
  public BigDecimal adjustMargin(String instId, String type, BigDecimal amount) {
    return adjustMargin(instId, "net", type, amount);
  }

  /** {@link #adjustMargin(String, String, BigDecimal)} for one side of an account in long/short mode. */
  public BigDecimal adjustMargin(String instId, String posSide, String type, BigDecimal amount) {
    leverage.forgetInstrument(instId); // an isolated position's leverage moves with its margin
    Map<String, String> body = new LinkedHashMap<>();
    body.put("instId", instId);
    body.put("posSide", posSide);
    body.put("type", type);
    body.put("amt", amount.toPlainString());
    return OkxJson.num(
        rest.post("/api/v5/account/position/margin-balance", body).get(0).path("leverage"));
  }

  /** Switches the account between {@code net_mode} and {@code long_short_mode} (refused with 59000 while anything is open). */
  public void setPositionMode(String posMode) {
    leverage.forgetAll();
    rest.post("/api/v5/account/set-position-mode", Map.of("posMode", posMode));
  }

  public AccountConfig accountConfig() {
    return OkxJson.accountConfig(rest.getPrivate("/api/v5/account/config", Map.of()).get(0));
  }

  /** The account's USDT-swap fee rates ({@code takerU}/{@code makerU}). */
  public TradeFee tradeFee() {
    JsonNode f = rest.getPrivate("/api/v5/account/trade-fee", Map.of("instType", "SWAP")).get(0);
    return new TradeFee(OkxJson.num(f.path("takerU")), OkxJson.num(f.path("makerU")));
  }

  /** Cancels a resting order by client order id (refused with 51400 when it already filled or is gone). */
  public void cancelOrder(String instId, String clOrdId) {
    rest.post("/api/v5/trade/cancel-order", Map.of("instId", instId, "clOrdId", clOrdId));
  }

  /** Cancels a resting order by OKX's order id (for orders placed outside tai2, which may have no client id). */
  public void cancelOrderById(String instId, String ordId) {
    rest.post("/api/v5/trade/cancel-order", Map.of("instId", instId, "ordId", ordId));
  }

  /** Orders resting on the book. */
  public List<OrderDetails> pendingOrders() {
    return rest.getPrivate("/api/v5/trade/orders-pending", Map.of("instType", "SWAP"))
        .valueStream()
        .map(OkxJson::order)
        .toList();
  }

  /** Swap fills since {@code since} (OKX keeps three days), newest first, all pages. */
  public List<FillInfo> fills(Optional<String> instId, Instant since) {
    return pages("/api/v5/trade/fills", instId, since, Map.of()).stream()
        .map(OkxJson::fill)
        .toList();
  }

  /** Swap fills since {@code since} from the longer history (OKX keeps three months), newest first, all pages. */
  public List<FillInfo> fillsHistory(Optional<String> instId, Instant since) {
    return pages("/api/v5/trade/fills-history", instId, since, Map.of()).stream()
        .map(OkxJson::fill)
        .toList();
  }

  /** Bills of the trading account since {@code since} (OKX keeps seven days), newest first; {@code type} e.g. "2" trades, "8" funding. */
  public List<AccountBill> bills(Optional<String> type, Instant since) {
    return pages(
            "/api/v5/account/bills",
            Optional.empty(),
            since,
            type.map(t -> Map.of("type", t)).orElse(Map.of()))
        .stream()
        .map(OkxJson::bill)
        .toList();
  }

  /** Follows {@code after=<last billId>} until a page is short: OKX returns at most 100 rows per request. */
  private List<JsonNode> pages(
      String path, Optional<String> instId, Instant since, Map<String, String> extra) {
    List<JsonNode> rows = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("instType", "SWAP");
      instId.ifPresent(id -> params.put("instId", id));
      params.putAll(extra);
      params.put("begin", Long.toString(since.toEpochMilli()));
      after.ifPresent(id -> params.put("after", id));
      params.put("limit", "100");
      List<JsonNode> page = rest.getPrivate(path, params).valueStream().toList();
      rows.addAll(page);
      if (page.size() < 100) {
        return rows;
      }
      after = Optional.of(page.getLast().path("billId").asString());
    }
  }

  /** Open swap positions, or one instrument's (which may be a closed one with {@code pos} 0). */
  public List<PositionInfo> positions(Optional<String> instId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    instId.ifPresent(id -> params.put("instId", id));
    List<PositionInfo> positions =
        rest.getPrivate("/api/v5/account/positions", params)
            .valueStream()
            .map(OkxJson::position)
            .toList();
    Instant now = rest.now();
    for (PositionInfo p : positions) {
      if (p.pos().signum() != 0 && p.lever().signum() > 0) {
        leverage.inUse(p.instId(), p.mgnMode(), p.posSide(), p.lever(), now);
      }
    }
    return positions;
  }
}
