package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a WebSocket subscription delivers, typed (docs/spec/okx-openrouter-protocols.md §8.5–§8.8). Numbers are {@code BigDecimal}, sizes in contracts. */
public sealed interface OkxWsEvent {

  record TickerUpdate(Ticker ticker) implements OkxWsEvent {}

  /**
   * The book as maintained from snapshot + updates ({@code books}) or as pushed ({@code books5}, {@code bbo-tbt}), up to
   * {@link OkxWebSocketClient#BOOK_EVENT_DEPTH} levels per side.
   */
  record BookUpdate(String channel, OrderBook book, long seqId) implements OkxWsEvent {}

  /** The book of an instrument is stale (sequence gap or checksum mismatch) until the next snapshot arrives. */
  record BookReset(String instId, String reason) implements OkxWsEvent {}

  record TradesUpdate(List<PublicTrade> trades) implements OkxWsEvent {}

  /** A bar of {@code bar} length ("1m", "1H" …); {@code candle.confirmed()} turns true when the bar closed. */
  record CandleUpdate(String instId, String bar, Candle candle) implements OkxWsEvent {}

  record FundingRateUpdate(FundingRate rate) implements OkxWsEvent {}

  record OpenInterestUpdate(OpenInterest openInterest) implements OkxWsEvent {}

  record MarkPriceUpdate(String instId, BigDecimal markPx, Instant ts) implements OkxWsEvent {}

  /** A liquidation order: {@code side} buy with {@code posSide} short means a short was liquidated. */
  record LiquidationUpdate(
      String instId, String side, String posSide, BigDecimal sz, BigDecimal bkPx, Instant ts)
      implements OkxWsEvent {}

  /** The trading account; {@code snapshot} for the first push after subscribing (and periodic ones). */
  record AccountUpdate(AccountBalance balance, boolean snapshot) implements OkxWsEvent {}

  /** Positions: all open ones in a snapshot, only the changed ones otherwise (a closed one with {@code pos} 0). */
  record PositionsUpdate(List<PositionInfo> positions, boolean snapshot) implements OkxWsEvent {}

  /** An order changed; {@code fill} describes the fill of this update, if it was one. */
  record OrderUpdate(OrderDetails order, Optional<Fill> fill) implements OkxWsEvent {}

  /** One fill: price, size, fee (negative when charged), {@code execType} T (taker) or M (maker). */
  record Fill(BigDecimal px, BigDecimal sz, BigDecimal fee, String execType, String tradeId) {}

  /** An algo (TP/SL) order changed; {@code actualSide} is "tp" or "sl" once it triggered. */
  record AlgoOrderUpdate(AlgoOrder algo, Optional<String> actualSide) implements OkxWsEvent {}

  /**
   * OKX confirmed the subscription — also after every reconnect. Pushes missed while disconnected are gone; channels
   * without a snapshot ({@code orders}, {@code orders-algo}) should be reconciled over REST at this point.
   */
  record Subscribed(OkxWsArg arg) implements OkxWsEvent {}

  /** OKX refused a subscription (e.g. 60018 unknown instrument); the client does not retry it. */
  record SubscriptionFailed(OkxWsArg arg, String code, String message) implements OkxWsEvent {}
}
