package io.tai2.testsupport;

import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderRepository;
import io.tai2.history.OrderStatus;
import io.tai2.history.PaperRepository;
import io.tai2.history.PaperTrade;
import io.tai2.history.PromptVersion;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.TradeRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes decisions, their orders and the orders' fills the way tai2 does (an order row with its decision's id, a trade
 * row with its order's client order id), for tests of attribution and the leaderboard.
 */
public final class DecisionLogSeed {

  private final PromptVersionRepository versions;
  private final DecisionRepository decisions;
  private final OrderRepository orders;
  private final TradeRepository trades;
  private final PaperRepository paper;

  public DecisionLogSeed(JdbcClient jdbc) {
    versions = new PromptVersionRepository(jdbc);
    decisions = new DecisionRepository(jdbc);
    orders = new OrderRepository(jdbc);
    trades = new TradeRepository(jdbc);
    paper = new PaperRepository(jdbc, TransactionOperations.withoutTransaction());
  }

  public PromptVersion version(String name, Instant at) {
    PromptVersion v =
        new PromptVersion(
            UUID.randomUUID(),
            name,
            "system",
            "decide",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            at);
    versions.insert(v);
    return v;
  }

  /** A decision with its outcome, action (null: no parsed decision, as after an LLM error), LLM cost (USD) and latency (ms). */
  public UUID decision(
      Instant at,
      String symbol,
      String model,
      Optional<UUID> version,
      String outcome,
      String action,
      String costUsd,
      long latencyMs) {
    return decision(
        at, symbol, model, version, outcome, action, costUsd, latencyMs, DecisionRecord.LIVE);
  }

  /** As {@link #decision(Instant, String, String, Optional, String, String, String, long)}, acted on at {@code source}. */
  public UUID decision(
      Instant at,
      String symbol,
      String model,
      Optional<UUID> version,
      String outcome,
      String action,
      String costUsd,
      long latencyMs,
      String source) {
    UUID id = UUID.randomUUID();
    decisions.insert(
        new DecisionRecord(
            id,
            at,
            symbol,
            Optional.of("1H"),
            Optional.of(model),
            version,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.ofNullable(action).map(a -> "{\"action\":\"" + a + "\",\"confidence\":0.7}"),
            outcome,
            Optional.empty(),
            Optional.empty(),
            Optional.of(latencyMs),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal(costUsd)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            source));
    return id;
  }

  /**
   * A paper account's long round trip (the dry run's or a shadow's, {@code source}): the entry decision at {@code at},
   * closed by its stop one hour later with {@code pnl} net of fees; {@code pnl} null leaves it open.
   */
  public UUID paperRoundTrip(
      String book,
      String source,
      Instant at,
      String symbol,
      String model,
      Optional<UUID> version,
      String pnl) {
    UUID entry = decision(at, symbol, model, version, "ACCEPTED", "BUY", "0.01", 1000, source);
    PaperTrade open =
        new PaperTrade(
            UUID.randomUUID(),
            book,
            symbol,
            "long",
            BigDecimal.ONE,
            new BigDecimal("0.01"),
            BigDecimal.TEN,
            at.plusSeconds(1),
            new BigDecimal("100"),
            Optional.of(new BigDecimal("95")),
            Optional.empty(),
            entry,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal("0.05")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    paper.save(book, "{}", at, List.of(open), List.of());
    if (pnl != null) {
      PaperTrade closed =
          new PaperTrade(
              open.id(),
              book,
              symbol,
              "long",
              BigDecimal.ONE,
              new BigDecimal("0.01"),
              BigDecimal.TEN,
              open.entryTime(),
              open.entryPrice(),
              open.stopLoss(),
              Optional.empty(),
              entry,
              Optional.of(at.plusSeconds(3600)),
              Optional.of(new BigDecimal("95")),
              Optional.of("stop"),
              Optional.empty(),
              Optional.of(new BigDecimal("0.1")),
              Optional.of(BigDecimal.ZERO),
              Optional.of(new BigDecimal(pnl)),
              Optional.of(new BigDecimal(pnl)),
              Optional.of(BigDecimal.ONE),
              Optional.of(new BigDecimal("-5")));
      paper.save(book, "{}", at.plusSeconds(3600), List.of(), List.of(closed));
    }
    return entry;
  }

  /**
   * A filled order and its trade: {@code side} buy/sell, {@code reduceOnly} for a close; {@code pnl} is OKX's realised PnL
   * of the fill (0 for an entry) and {@code fee} the fee (negative = paid).
   */
  public void fill(
      Optional<UUID> decisionId,
      Instant at,
      String symbol,
      String side,
      boolean reduceOnly,
      String contracts,
      String pnl,
      String fee) {
    fill(decisionId, at, symbol, side, reduceOnly, contracts, "10", pnl, fee);
  }

  /** As {@link #fill(Optional, Instant, String, String, boolean, String, String, String)}, at fill price {@code price}. */
  public void fill(
      Optional<UUID> decisionId,
      Instant at,
      String symbol,
      String side,
      boolean reduceOnly,
      String contracts,
      String price,
      String pnl,
      String fee) {
    String clOrdId = "t2" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
    orders.insertIntent(
        new OrderRecord(
            UUID.randomUUID(),
            clOrdId,
            decisionId,
            symbol,
            side,
            Optional.of("net"),
            "market",
            "isolated",
            new BigDecimal(contracts),
            Optional.empty(),
            reduceOnly,
            Optional.empty(),
            Optional.empty(),
            OrderStatus.INTENT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            at,
            at));
    orders.recordFill(
        clOrdId,
        OrderStatus.FILLED,
        new BigDecimal(price),
        new BigDecimal(contracts),
        new BigDecimal(fee),
        at);
    trades.insert(
        new ExecutedTrade(
            UUID.randomUUID(),
            at,
            symbol,
            symbol,
            side,
            new BigDecimal(contracts),
            new BigDecimal(price),
            new BigDecimal(contracts),
            Optional.of(clOrdId),
            Optional.empty(),
            Optional.of(new BigDecimal(pnl)),
            Optional.of(new BigDecimal(fee))));
  }

  /**
   * A long round trip: the entry decision's buy fills at {@code at} (fee 0.1 paid), a CLOSE decision's reduce-only sell
   * one hour later realises {@code pnl} (fee 0.1 paid); the round trip nets pnl − 0.2.
   */
  public UUID longRoundTrip(
      Instant at, String symbol, String model, Optional<UUID> version, String pnl) {
    UUID entry = decision(at, symbol, model, version, "ACCEPTED", "BUY", "0.01", 1000);
    fill(Optional.of(entry), at.plusSeconds(5), symbol, "buy", false, "2", "0", "-0.1");
    UUID close =
        decision(at.plusSeconds(3600), symbol, model, version, "ACCEPTED", "CLOSE", "0.01", 1000);
    fill(Optional.of(close), at.plusSeconds(3605), symbol, "sell", true, "2", pnl, "-0.1");
    return entry;
  }
}
