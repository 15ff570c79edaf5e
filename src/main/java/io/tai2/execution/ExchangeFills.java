package io.tai2.execution;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.FundingPayment;
import io.tai2.history.FundingPaymentRepository;
import io.tai2.history.OrderRepository;
import io.tai2.history.TradeRepository;
import io.tai2.okx.AccountBill;
import io.tai2.okx.FillInfo;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxTrading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what OKX did to the account on its own, so every round trip closes and is attributed: the fills of orders
 * tai2 did not send — a stop-loss or take-profit OKX triggered, a liquidation or auto-deleveraging, a kill-switch or
 * hand-made close — and the funding fees OKX settled. Each is written once, keyed by OKX's bill id; fills of tai2's own
 * orders (their client order id is in the orders table) are left to the executor and the reconciler, which record one
 * trade per order. Runs at start and after each periodic reconciliation.
 */
public final class ExchangeFills {

  private static final Logger log = LoggerFactory.getLogger(ExchangeFills.class);

  /** How far back the first run reads: as far as the attribution replays fills. */
  static final Duration FIRST_LOOKBACK = Duration.ofDays(30);

  /** Later runs re-read from a little before the previous one started, so a fill OKX listed late is not missed. */
  static final Duration OVERLAP = Duration.ofMinutes(10);

  /** {@code trade/fills} lists three days; older fills come from {@code trade/fills-history} (three months). */
  static final Duration RECENT_FILLS = Duration.ofDays(3);

  /** {@code account/bills} lists seven days. */
  static final Duration RECENT_BILLS = Duration.ofDays(7);

  /** An exit older than this when first recorded (e.g. read back on a first start) is history, not news: it is not announced. */
  static final Duration ANNOUNCE_WITHIN = Duration.ofHours(1);

  /** Bill sub-types of fills that reduce a position: close long/short, liquidation, auto-deleveraging. */
  private static final Set<String> REDUCING =
      Set.of(
          "5", "6", "100", "101", "102", "103", "104", "105", "106", "107", "125", "126", "127",
          "128");

  /** Bill sub-types of fills that open or add to a position. */
  private static final Set<String> OPENING = Set.of("3", "4");

  /** What one run recorded: fills and funding payments newly written. */
  public record Recorded(int fills, int funding) {}

  private final OkxConnection connection;
  private final TradeRepository trades;
  private final OrderRepository orders;
  private final FundingPaymentRepository funding;
  private final Clock clock;
  private final Function<String, Optional<Instrument>> instruments;
  private final Consumer<TradingEvent> events;

  /** Where the next run reads from (less the overlap): when the last run started, or its oldest fill left for later. */
  private Optional<Instant> readSince = Optional.empty();

  /** {@code instruments} looks up an instrument by id (its contract size turns contracts into a traded amount). */
  public ExchangeFills(
      OkxConnection connection,
      TradeRepository trades,
      OrderRepository orders,
      FundingPaymentRepository funding,
      Clock clock,
      Function<String, Optional<Instrument>> instruments) {
    this(connection, trades, orders, funding, clock, instruments, TradingEvent.NOWHERE);
  }

  /** With {@code events} told of every exit OKX made on its own (the fills of one order as one {@link TradingEvent.ExchangeExit}). */
  public ExchangeFills(
      OkxConnection connection,
      TradeRepository trades,
      OrderRepository orders,
      FundingPaymentRepository funding,
      Clock clock,
      Function<String, Optional<Instrument>> instruments,
      Consumer<TradingEvent> events) {
    this.events = events;
    this.connection = connection;
    this.trades = trades;
    this.orders = orders;
    this.funding = funding;
    this.clock = clock;
    this.instruments = instruments;
  }

  /**
   * Reads OKX's recent fills and funding bills and records those not recorded yet.
   *
   * @throws io.tai2.okx.OkxApiException or {@link io.tai2.okx.OkxOutcomeUnknownException} when OKX could not be read;
   *     nothing is lost, the next run reads the same period again
   */
  public synchronized Recorded record() {
    OkxConnection.Clients clients = connection.current();
    if (clients.config().keys().isEmpty()) {
      return new Recorded(0, 0);
    }
    OkxTrading trading = clients.trading();
    Instant started = clock.instant();
    Instant oldest = started.minus(FIRST_LOOKBACK);
    Instant since =
        readSince.map(t -> t.minus(OVERLAP)).filter(t -> t.isAfter(oldest)).orElse(oldest);
    List<FillInfo> fills =
        since.isBefore(started.minus(RECENT_FILLS))
            ? trading.fillsHistory(Optional.empty(), since)
            : trading.fills(Optional.empty(), since);
    Map<String, Boolean> ours = new HashMap<>();
    Map<String, List<FillInfo>> exits = new LinkedHashMap<>();
    int recordedFills = 0;
    Instant readUpTo =
        started; // the next run reads from here (less the overlap): now, or the oldest fill left
    // for later
    for (FillInfo fill : fills.reversed()) { // oldest first, so the log reads in order
      if (fill.billId().isEmpty() || isOurs(fill, ours) || trades.hasExchangeFill(fill.billId())) {
        continue;
      }
      Optional<Instrument> instrument = instruments.apply(fill.instId());
      if (instrument.isEmpty()) {
        // Instruments not loaded yet (start-up), or a delisted one: read it again next run rather
        // than record a wrong amount.
        log.warn(
            "event=exchange_fill_skipped reason=\"instrument unknown\" symbol={} bill_id={}",
            fill.instId(),
            fill.billId());
        readUpTo = fill.ts().isBefore(readUpTo) ? fill.ts() : readUpTo;
        continue;
      }
      if (record(fill, instrument.get())) {
        recordedFills++;
        if (reduces(fill) && !fill.ts().isBefore(started.minus(ANNOUNCE_WITHIN))) {
          exits
              .computeIfAbsent(
                  fill.instId() + " " + (fill.ordId().isEmpty() ? fill.billId() : fill.ordId()),
                  k -> new ArrayList<>())
              .add(fill);
        }
      }
    }
    exits.values().forEach(this::announce);
    int recordedFunding =
        fundingSince(
            trading,
            since.isAfter(started.minus(RECENT_BILLS)) ? since : started.minus(RECENT_BILLS));
    readSince = Optional.of(readUpTo);
    if (recordedFills + recordedFunding > 0) {
      log.info(
          "event=exchange_fills_recorded fills={} funding={} since={}",
          recordedFills,
          recordedFunding,
          since);
    }
    return new Recorded(recordedFills, recordedFunding);
  }

  /** One exit OKX made: the fills of one order summed (contracts, PnL), at their size-weighted price. */
  private void announce(List<FillInfo> fills) {
    FillInfo first = fills.getFirst();
    BigDecimal contracts = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    BigDecimal pnl = BigDecimal.ZERO;
    for (FillInfo f : fills) {
      contracts = contracts.add(f.fillSz());
      notional = notional.add(f.fillSz().multiply(f.fillPx()));
      pnl = pnl.add(f.fillPnl());
    }
    BigDecimal price =
        contracts.signum() == 0
            ? first.fillPx()
            : notional.divide(contracts, first.fillPx().scale() + 2, RoundingMode.HALF_EVEN);
    String reason = ExitReason.of(first, orders.lastFilledEntry(first.instId()));
    TradingEvent.publish(
        events,
        new TradingEvent.ExchangeExit(
            fills.getLast().ts(), first.instId(), first.side(), contracts, price, pnl, reason));
  }

  /** A fill of an order tai2 sent: its client order id is in the orders table (the order row is written before sending). */
  private boolean isOurs(FillInfo fill, Map<String, Boolean> known) {
    return !fill.clOrdId().isEmpty()
        && known.computeIfAbsent(fill.clOrdId(), id -> orders.findByClientOrderId(id).isPresent());
  }

  private boolean record(FillInfo fill, Instrument instrument) {
    boolean reduces = reduces(fill);
    ExecutedTrade trade =
        new ExecutedTrade(
            UUID.randomUUID(),
            fill.ts(),
            fill.instId(),
            instrument.instId(),
            fill.side(),
            fill.fillSz(),
            fill.fillPx(),
            fill.fillSz().multiply(instrument.contractSize()),
            Optional.empty(),
            Optional.empty(),
            Optional.of(fill.fillPnl()),
            Optional.of(fill.fee()));
    boolean inserted = trades.insertExchangeFillOnce(trade, fill.billId(), reduces);
    if (inserted) {
      log.info(
          "event=exchange_fill_recorded symbol={} side={} contracts={} price={} pnl={} fee={} reduce_only={} sub_type={} ord_id={} "
              + "bill_id={}",
          fill.instId(),
          fill.side(),
          OrderWords.num(fill.fillSz()),
          OrderWords.num(fill.fillPx()),
          OrderWords.num(fill.fillPnl()),
          OrderWords.num(fill.fee()),
          reduces,
          fill.subType().isEmpty() ? "-" : fill.subType(),
          fill.ordId(),
          fill.billId());
    }
    return inserted;
  }

  /**
   * Whether a fill reduced a position. The bill sub-type says so (a triggered TP/SL closes, a liquidation closes); a reply
   * without one falls back to the position side in long/short mode, and in net mode to what only a close does: realise
   * PnL, or be a liquidation (negative trade id).
   */
  static boolean reduces(FillInfo fill) {
    if (REDUCING.contains(fill.subType())) {
      return true;
    }
    if (OPENING.contains(fill.subType())) {
      return false;
    }
    return switch (fill.posSide()) {
      case "long" -> fill.side().equals("sell");
      case "short" -> fill.side().equals("buy");
      default -> fill.tradeId().startsWith("-") || fill.fillPnl().signum() != 0;
    };
  }

  /** Funding fees (bills of type 8) on positions since {@code since}; returns how many were new. */
  private int fundingSince(OkxTrading trading, Instant since) {
    int recorded = 0;
    for (AccountBill bill : trading.bills(Optional.of("8"), since)) {
      if (bill.instId().isEmpty() || bill.billId().isEmpty()) {
        continue;
      }
      if (funding.insertOnce(
          new FundingPayment(bill.billId(), bill.ts(), bill.instId(), bill.balChg()))) {
        recorded++;
        log.info(
            "event=funding_recorded symbol={} amount={} at={} bill_id={}",
            bill.instId(),
            OrderWords.num(bill.balChg()),
            bill.ts(),
            bill.billId());
      }
    }
    return recorded;
  }
}
