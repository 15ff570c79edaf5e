package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Links decisions to the trades their orders produced, so each decision (and through it its prompt version and model)
 * carries its realised PnL.
 *
 * <p>The attribution rule: a round trip is a position from flat to flat again on one symbol and direction (long or
 * short). It belongs to the ENTRY decision whose order opened it, and its PnL is the realised PnL of every fill in it
 * (OKX's close PnL) plus every fee (entry and exit; negative when paid). Why the opener: the entry is the bet; a CLOSE
 * decision, a stop-loss or a kill-switch flattening only end it, and crediting them would reward whoever happened to be
 * asked last. An entry that adds to an open position is part of the opener's round trip (its fee and size count there);
 * the adding decision is an entry without a PnL of its own. A decision that did not fill keeps its verdict and no PnL.
 *
 * <p>Links: an order row stores its decision's id ({@code orders.decision_id}, set when the intent is written) and a
 * trade row its order's client order id. Exits tai2 did not send itself — a stop-loss or take-profit OKX triggered, a
 * liquidation, a kill-switch or hand-made close — are recorded from OKX's fill list with no client order id of tai2's
 * and their side and reduce-only flag on the trade row ({@code io.tai2.execution.ExchangeFills}): they end the round
 * trip open on their symbol and direction like a close decision's fill would. Trades with neither (entered by hand into
 * the table) belong to no decision. Funding fees OKX settled while a round trip was open ({@code funding_payments},
 * bills of type 8) count in its PnL. Fills are replayed from {@link #LOOKBACK} before the period so a position opened
 * just before it is known when its closes arrive; a close with no open position in view is skipped.
 *
 * <p>Excursions: a closed live round trip's best and worst move (MFE/MAE, % of its entry price) come from the one-minute
 * candles ({@code candles_1m}, recorded by the service and by {@code tai2 history fetch}): the highest high and lowest low
 * of the minutes from the opener's first fill to the fill that went flat, both minutes whole, against the size-weighted
 * average price of every entry fill. Whole minutes may hold moves just before the entry or after the exit, so the
 * figures can be a little wider than the position saw; a round trip with any of its minutes missing gets none. A paper
 * or shadow round trip's are its paper account's own (tracked on every price it saw while open).
 *
 * <p>Not counted: funding settled while both a long and a short are open on one symbol (long/short mode; the bill does
 * not say which side paid), and exchange fills or funding older than what OKX still lists when tai2 first reads them
 * (fills-history: three months; bills: seven days).
 */
@Repository
public class DecisionAttributionRepository {

  /** How far before the period fills are replayed to find the positions open at its start. */
  static final Duration LOOKBACK = Duration.ofDays(30);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final CandleRepository candles;

  public DecisionAttributionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.candles = new CandleRepository(jdbc);
  }

  /**
   * Every decision made in [from, to) (on one symbol when given), oldest first, with its entry and round trip; the round
   * trip may close after {@code to}: it belongs to the decision, not to the day it closed.
   */
  public List<DecisionAttribution> between(Instant from, Instant to, Optional<String> symbol) {
    return between(from, to, symbol, Optional.empty());
  }

  /**
   * As {@link #between(Instant, Instant, Optional)}, of one source only when given ({@code live}, {@code paper} or
   * {@code shadow}). A paper or shadow decision's round trip is the paper account's own record of it (one per entry
   * decision); a live one's is replayed from OKX's fills.
   */
  public List<DecisionAttribution> between(
      Instant from, Instant to, Optional<String> symbol, Optional<String> source) {
    RoundTrips trips =
        source.filter(s -> !s.equals(DecisionRecord.LIVE)).isPresent()
            ? new RoundTrips()
            : replay(from.minus(LOOKBACK), symbol);
    Where where =
        new Where()
            .and("d.created_at >= ?", Optional.of(Rows.time(from)))
            .and("d.created_at < ?", Optional.of(Rows.time(to)))
            .and("d.symbol = ?", symbol)
            .and("d.source = ?", source);
    return jdbc
        .sql(
            """
            SELECT d.id, d.created_at, d.symbol, d.source, d.model_id, d.prompt_version_id, v.name AS prompt_version_name, d.outcome,
                   d.decision, d.cost_usd, d.latency_ms, pt.entry_time AS paper_entry, pt.exit_time AS paper_exit, pt.pnl AS paper_pnl,
                   pt.mfe_pct AS paper_mfe_pct, pt.mae_pct AS paper_mae_pct
            FROM decisions d LEFT JOIN prompt_versions v ON v.id = d.prompt_version_id
                             LEFT JOIN paper_trades pt ON pt.entry_decision = d.id AND d.source <> 'live'"""
                + where.sql()
                + " ORDER BY d.created_at, d.id")
        .params(where.params())
        .query((rs, row) -> attribution(rs, trips))
        .list()
        .stream()
        .map(
            a ->
                a.source().equals(DecisionRecord.LIVE)
                    ? trips.closed(a.id()).map(trip -> withExcursions(a, trip)).orElse(a)
                    : a)
        .toList();
  }

  /** A closed live round trip with its excursions from the stored minute bars; as it was when they do not cover it. */
  private DecisionAttribution withExcursions(DecisionAttribution a, RoundTrips.Closed trip) {
    return candles
        .extremes(trip.symbol(), trip.entered(), trip.closedAt())
        .map(
            range ->
                new DecisionAttribution(
                    a.id(),
                    a.createdAt(),
                    a.symbol(),
                    a.source(),
                    a.model(),
                    a.promptVersionId(),
                    a.promptVersionName(),
                    a.outcome(),
                    a.action(),
                    a.confidence(),
                    a.llmCostUsd(),
                    a.latencyMs(),
                    a.entered(),
                    a.addedToPosition(),
                    a.realisedPnl(),
                    a.closedAt(),
                    Optional.of(trip.favourablePct(range.high(), range.low())),
                    Optional.of(trip.adversePct(range.high(), range.low()))))
        .orElse(a);
  }

  /**
   * Fills of tai2's orders take side and reduce-only from their order; fills recorded from OKX's fill list (no order of
   * tai2's) carry them on the trade row. Trades with neither (entered by hand) are left out, as they always were. Funding
   * payments are replayed between the fills: each goes to the round trip open on its symbol when it was settled.
   */
  private RoundTrips replay(Instant since, Optional<String> symbol) {
    Where where =
        new Where()
            .and("t.executed_at >= ?", Optional.of(Rows.time(since)))
            .and("COALESCE(o.symbol, t.symbol) = ?", symbol);
    List<RoundTrips.Fill> fills =
        jdbc.sql(
                """
            SELECT t.executed_at, t.size, t.price, t.pnl, t.fee, COALESCE(o.symbol, t.symbol) AS symbol, COALESCE(o.side, t.side) AS side,
                   COALESCE(o.reduce_only, t.reduce_only) AS reduce_only, o.decision_id
            FROM executed_trades t LEFT JOIN orders o ON o.client_order_id = t.client_order_id"""
                    + where.sql()
                    + " AND (o.id IS NOT NULL OR t.reduce_only IS NOT NULL) ORDER BY t.executed_at, t.id")
            .params(where.params())
            .query(
                (rs, row) ->
                    new RoundTrips.Fill(
                        Rows.instant(rs, "executed_at"),
                        rs.getString("symbol"),
                        rs.getString("side"),
                        rs.getBoolean("reduce_only"),
                        Rows.number(rs, "size"),
                        Rows.number(rs, "price"),
                        Rows.decimal(rs, "pnl").orElse(BigDecimal.ZERO),
                        Rows.decimal(rs, "fee").orElse(BigDecimal.ZERO),
                        Rows.optionalUuid(rs, "decision_id")))
            .list();
    List<FundingPayment> funding = new FundingPaymentRepository(jdbc).since(since, symbol);
    RoundTrips trips = new RoundTrips();
    int f = 0;
    for (RoundTrips.Fill fill : fills) {
      // A payment settled before this fill was charged on the position as it stood before it.
      for (; f < funding.size() && funding.get(f).paidAt().isBefore(fill.at()); f++) {
        trips.fund(funding.get(f).symbol(), funding.get(f).amount());
      }
      trips.add(fill);
    }
    return trips;
  }

  private static DecisionAttribution attribution(ResultSet rs, RoundTrips trips)
      throws SQLException {
    UUID id = Rows.uuid(rs, "id");
    String source = rs.getString("source");
    Optional<Instant> paperEntry = Rows.optionalInstant(rs, "paper_entry");
    Optional<Instant> paperExit = Rows.optionalInstant(rs, "paper_exit");
    Optional<BigDecimal> paperPnl =
        paperExit.isPresent() ? Rows.decimal(rs, "paper_pnl") : Optional.empty();
    boolean paperClosed =
        paperPnl.isPresent(); // an open paper trade's excursions are still moving: none until it
    // closes, as live
    Optional<RoundTrips.Entry> entry =
        source.equals(DecisionRecord.LIVE)
            ? trips.entry(id)
            : paperEntry.map(in -> new RoundTrips.Entry(in, false, paperPnl, paperExit));
    return new DecisionAttribution(
        id,
        Rows.instant(rs, "created_at"),
        rs.getString("symbol"),
        source,
        Rows.text(rs, "model_id"),
        Rows.optionalUuid(rs, "prompt_version_id"),
        Rows.text(rs, "prompt_version_name"),
        rs.getString("outcome"),
        Rows.text(rs, "decision").flatMap(DecisionAttributionRepository::action),
        Rows.text(rs, "decision").flatMap(DecisionAttributionRepository::confidence),
        Rows.decimal(rs, "cost_usd"),
        Rows.optionalLong(rs, "latency_ms"),
        entry.map(RoundTrips.Entry::entered),
        entry.map(RoundTrips.Entry::added).orElse(false),
        entry.flatMap(RoundTrips.Entry::netPnl),
        entry.flatMap(RoundTrips.Entry::closedAt),
        paperClosed ? Rows.decimal(rs, "paper_mfe_pct") : Optional.empty(),
        paperClosed ? Rows.decimal(rs, "paper_mae_pct") : Optional.empty());
  }

  /** The action of a stored decision document ({@code {"action":"BUY",…}}); empty when it is not readable. */
  static Optional<String> action(String decisionJson) {
    try {
      JsonNode action = JSON.readTree(decisionJson).path("action");
      return action.isString() && !action.asString().isBlank()
          ? Optional.of(action.asString())
          : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The stated confidence of a stored decision document, 0..1; empty when absent or not readable. */
  static Optional<BigDecimal> confidence(String decisionJson) {
    try {
      JsonNode c = JSON.readTree(decisionJson).path("confidence");
      return c.isNumber()
              && c.decimalValue().signum() >= 0
              && c.decimalValue().compareTo(BigDecimal.ONE) <= 0
          ? Optional.of(c.decimalValue())
          : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
