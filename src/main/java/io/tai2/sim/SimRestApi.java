package io.tai2.sim;

import io.tai2.okx.OkxError;
import io.tai2.okx.RateLimits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's {@code /api/v5} surface, independent of the HTTP server that carries it: authenticate as OKX does,
 * then route. Grows endpoint by endpoint (docs/spec/okx-openrouter-protocols.md §10 lists what tai2 calls).
 */
public final class SimRestApi {

  private final Clock clock;
  private final RequestAuthenticator authenticator;
  private final SimMarketEndpoints market;
  private final SimFaults faults = new SimFaults();
  private final SimJournal journal = new SimJournal();
  private final SimTradingEndpoints trading;
  private final SimAlgoEndpoints algos;
  private final SimPositionEndpoints positions;
  private final SimTransferEndpoints transfers;
  private final SimExchange exchange;
  private final SimWebSocket webSocket;
  private final SimBatchEndpoints batch;
  private final SimHistoryEndpoints history;
  private final SimAccountEndpoints accountReads;
  private final SimSubAccountEndpoints subAccounts;
  private final SimPublicEndpoints allInstruments;

  public SimRestApi(
      Clock clock, SimMarket market, Map<String, SimAccount> accounts, BigDecimal startingUsdt) {
    this.clock = clock;
    this.market = new SimMarketEndpoints(market);
    this.authenticator = new RequestAuthenticator(clock, accounts);
    this.exchange = new SimExchange(clock, market);
    accounts.keySet().forEach(key -> exchange.openAccount(key, startingUsdt));
    this.trading = new SimTradingEndpoints(clock, exchange);
    this.algos = new SimAlgoEndpoints(exchange);
    this.positions = new SimPositionEndpoints(exchange);
    this.transfers = new SimTransferEndpoints(clock, exchange, accounts);
    this.webSocket =
        new SimWebSocket(clock, market, this.market, exchange, trading, positions, accounts);
    this.batch = new SimBatchEndpoints(clock, exchange, trading);
    this.history = new SimHistoryEndpoints(clock, exchange, trading);
    this.accountReads = new SimAccountEndpoints(exchange);
    this.subAccounts = new SimSubAccountEndpoints(exchange, trading, accounts);
    this.allInstruments = new SimPublicEndpoints(market, this.market);
  }

  /** The WebSocket service that goes with this API (same market, exchange and keys). */
  public SimWebSocket webSocket() {
    return webSocket;
  }

  /** The simulator's clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * What to do with the undocumented {@code subAcct} field on trading and account endpoints (docs/spec/okx-openrouter-protocols.md §6.3: OKX's real
   * behaviour is unverified): ignore it (default) or refuse the request with 51000.
   */
  public enum SubAcctPolicy {
    IGNORE,
    REJECT
  }

  private volatile SubAcctPolicy subAcctPolicy = SubAcctPolicy.IGNORE;

  /** OKX's per-endpoint limits, enforced per user (API key, or "public") when switched on. */
  private volatile RateLimits rateLimits;

  /** Switches OKX's request limits on (breaches answer HTTP 429 {@code 50011}) or off (the default). */
  public void enforceRateLimits(boolean on) {
    rateLimits = on ? RateLimits.monotonic() : null;
  }

  public void subAcctPolicy(SubAcctPolicy policy) {
    subAcctPolicy = policy;
  }

  /** Faults to inject; arm them from tests or the control API. */
  public SimFaults faults() {
    return faults;
  }

  /** Every request received. */
  public SimJournal journal() {
    return journal;
  }

  /** The simulated exchange behind the API (accounts, orders, positions). */
  public SimExchange exchange() {
    return exchange;
  }

  public SimResponse handle(RawRequest request) {
    exchange.settleFundingDue();
    batch.cancelAllDue(exchange);
    SimResponse response = faultOrAnswer(request);
    journal.record(
        new SimJournal.Entry(
            clock.millis(),
            request.method(),
            request.rawTarget(),
            request.rawBody(),
            response.drop() ? 0 : response.status(),
            request.header("OK-ACCESS-KEY").orElse(""),
            request.header("x-simulated-trading").map("1"::equals).orElse(false)));
    return response;
  }

  private SimResponse faultOrAnswer(RawRequest request) {
    Optional<SimFaults.Fault> fault = faults.take(request);
    if (fault.isEmpty()) {
      return answer(request);
    }
    SimFaults.Fault f = fault.get();
    return switch (f.kind()) {
      case DELAY -> {
        SimResponse r = answer(request);
        yield new SimResponse(r.status(), r.body(), f.delay(), false);
      }
      case ACCEPT_THEN_DROP -> {
        SimResponse r = answer(request);
        yield new SimResponse(r.status(), r.body(), Duration.ZERO, true);
      }
      default -> SimFaults.responseFor(f);
    };
  }

  private SimResponse answer(RawRequest request) {
    RateLimits limits = rateLimits;
    if (limits != null
        && !limits.tryAcquire(
            request.header("OK-ACCESS-KEY").orElse("public"), request.path(), instId(request))) {
      return SimResponse.error(OkxError.RATE_LIMITED);
    }
    return switch (authenticator.check(request)) {
      case RequestAuthenticator.Rejected rejected -> SimResponse.error(rejected.error());
      case RequestAuthenticator.Public ignored -> publicEndpoint(request);
      case RequestAuthenticator.Authenticated authenticated ->
          privateEndpoint(request, authenticated.account());
    };
  }

  private SimResponse publicEndpoint(RawRequest request) {
    return switch (request.method() + " " + request.path()) {
      case "GET /api/v5/public/time" -> SimResponse.ok("[{\"ts\":\"" + clock.millis() + "\"}]");
      case "GET /api/v5/public/instruments" -> market.instruments(request.query());
      case "GET /api/v5/market/ticker" -> market.ticker(request.query());
      case "GET /api/v5/market/books" -> market.books(request.query());
      case "GET /api/v5/market/candles" -> market.candles(request.query());
      case "GET /api/v5/market/history-candles" -> market.historyCandles(request.query());
      case "GET /api/v5/public/funding-rate-history" -> market.fundingRateHistory(request.query());
      case "GET /api/v5/market/trades" -> market.trades(request.query());
      case "GET /api/v5/public/funding-rate" -> allInstruments.fundingRate(request.query());
      case "GET /api/v5/market/tickers" -> allInstruments.tickers(request.query());
      case "GET /api/v5/market/books-full" -> allInstruments.booksFull(request.query());
      case "GET /api/v5/system/status" -> allInstruments.systemStatus();
      case "GET /api/v5/public/open-interest" -> market.openInterest(request.query());
      case "GET /api/v5/public/mark-price" -> allInstruments.markPrice(request.query());
      case "GET /api/v5/public/position-tiers" -> market.positionTiers(request.query());
      case "GET /api/v5/rubik/stat/contracts/long-short-account-ratio" ->
          market.longShortRatio(request.query());
      default -> notFound();
    };
  }

  private SimResponse privateEndpoint(RawRequest request, SimAccount account) {
    // asset endpoints and the master's sub-account reads document subAcct; trading and account
    // endpoints do not
    if (subAcctPolicy == SubAcctPolicy.REJECT
        && !request.path().startsWith("/api/v5/asset/")
        && !request.path().contains("/subaccount/")
        && namesSubAccount(request)) {
      return new SimResponse(
          200, "{\"code\":\"51000\",\"msg\":\"Parameter subAcct error\",\"data\":[]}");
    }
    return switch (request.method() + " " + request.path()) {
      case "GET /api/v5/account/balance" -> trading.balance(account);
      case "POST /api/v5/account/set-leverage" -> positions.setLeverage(account, request.rawBody());
      case "POST /api/v5/account/set-position-mode" ->
          positions.setPositionMode(account, request.rawBody());
      case "GET /api/v5/account/positions" -> positions.positions(account, request.query());
      case "POST /api/v5/trade/order" -> trading.placeOrder(account, request.rawBody());
      case "GET /api/v5/trade/order" -> trading.order(account, request.query());
      case "GET /api/v5/trade/orders-algo-pending" -> algos.pendingAlgos(account, request.query());
      case "GET /api/v5/trade/orders-algo-history" -> algos.algoHistory(account, request.query());
      case "POST /api/v5/trade/order-algo" -> algos.placeAlgo(account, request.rawBody());
      case "POST /api/v5/trade/cancel-algos" -> algos.cancelAlgos(account, request.rawBody());
      case "POST /api/v5/trade/close-position" ->
          positions.closePosition(account, request.rawBody());
      case "POST /api/v5/trade/cancel-order" -> trading.cancelOrder(account, request.rawBody());
      case "GET /api/v5/trade/orders-pending" -> trading.pendingOrders(account, request.query());
      case "POST /api/v5/trade/batch-orders" -> batch.batchOrders(account, request.rawBody());
      case "POST /api/v5/trade/cancel-batch-orders" ->
          batch.cancelBatchOrders(account, request.rawBody());
      case "POST /api/v5/trade/amend-order" -> batch.amendOrder(account, request.rawBody());
      case "POST /api/v5/trade/amend-algos" -> batch.amendAlgos(account, request.rawBody());
      case "POST /api/v5/trade/cancel-all-after" ->
          batch.cancelAllAfter(account, request.rawBody());
      case "GET /api/v5/trade/orders-history" ->
          history.ordersHistory(account, request.query(), false);
      case "GET /api/v5/trade/orders-history-archive" ->
          history.ordersHistory(account, request.query(), true);
      case "GET /api/v5/trade/fills-history" -> history.fillsHistory(account, request.query());
      case "GET /api/v5/trade/order-algo" -> history.algoOrder(account, request.query());
      case "GET /api/v5/account/bills-archive" -> history.billsArchive(account, request.query());
      case "GET /api/v5/account/positions-history" ->
          history.positionsHistory(account, request.query());
      case "GET /api/v5/account/leverage-info" ->
          accountReads.leverageInfo(account, request.query());
      case "GET /api/v5/asset/currencies" -> accountReads.currencies(request.query());
      case "GET /api/v5/asset/transfer-state" ->
          accountReads.transferState(account, request.query());
      case "GET /api/v5/account/config" -> trading.accountConfig(account);
      case "GET /api/v5/account/trade-fee" -> trading.tradeFee();
      case "GET /api/v5/account/bills" -> trading.bills(account, request.query());
      case "GET /api/v5/trade/fills" -> trading.fills(account, request.query());
      case "POST /api/v5/account/position/margin-balance" ->
          positions.adjustMargin(account, request.rawBody());
      case "GET /api/v5/asset/balances" -> transfers.fundingBalances(account);
      case "GET /api/v5/users/subaccount/list" -> subAccounts.list(account, request.query());
      case "GET /api/v5/account/subaccount/balances" ->
          subAccounts.tradingBalance(account, request.query());
      case "GET /api/v5/asset/subaccount/balances" ->
          subAccounts.fundingBalance(account, request.query());
      case "POST /api/v5/asset/transfer" ->
          accountReads.recordTransfer(
              account, request.rawBody(), transfers.transfer(account, request.rawBody()));
      default -> notFound();
    };
  }

  /** The instrument a request is about, from the query or a JSON object body (trading limits are per instrument). */
  private static String instId(RawRequest request) {
    String fromQuery = request.query().getOrDefault("instId", "");
    if (!fromQuery.isEmpty() || !request.rawBody().contains("\"instId\"")) {
      return fromQuery;
    }
    Matcher m = Pattern.compile("\"instId\"\\s*:\\s*\"([^\"]*)\"").matcher(request.rawBody());
    return m.find() ? m.group(1) : "";
  }

  private static boolean namesSubAccount(RawRequest request) {
    return !request.query().getOrDefault("subAcct", "").isEmpty()
        || request.rawBody().matches("(?s).*\"subAcct\"\\s*:\\s*\"[^\"]+\".*");
  }

  private static SimResponse notFound() {
    // OKX answers unknown paths with a plain 404; keep the envelope so clients report it clearly.
    return new SimResponse(404, "{\"code\":\"404\",\"msg\":\"Not Found\",\"data\":[]}");
  }
}
