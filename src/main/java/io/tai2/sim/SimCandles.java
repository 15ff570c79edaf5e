package io.tai2.sim;

import io.tai2.okx.Instrument;
import io.tai2.okx.OkxBarSize;
import io.tai2.okx.OkxError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Candles and funding history over the simulator's deep price path, paged as OKX pages them (docs/spec/okx-openrouter-protocols.md §3.4): newest
 * first; {@code after} = bars opened before that time, {@code before} = bars opened after it (alone: the newest ones);
 * {@code limit} default 100, at most 300. {@code market/candles} reaches back 1,440 bars of the size asked,
 * {@code market/history-candles} the whole history. Every bar size is summed up from the one-minute path.
 */
final class SimCandles {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 300;

  /** How many bars of each size {@code market/candles} reaches back. */
  static final int RECENT_BARS = 1_440;

  static final int FUNDING_MAX_LIMIT = 400;

  /** OKX keeps three months of funding history on this endpoint. */
  static final long FUNDING_HISTORY_MILLIS = 92L * 24 * 3600 * 1000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimMarket market;

  SimCandles(SimMarket market) {
    this.market = market;
  }

  SimResponse candles(Map<String, String> query, boolean recentOnly) {
    Optional<Instrument> instrument =
        Optional.ofNullable(query.get("instId")).flatMap(market::instrument);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    Optional<OkxBarSize> size = OkxBarSize.of(query.getOrDefault("bar", "1m"));
    if (size.isEmpty()) {
      return parameterError("bar");
    }
    Paging paging = Paging.of(query, DEFAULT_LIMIT, MAX_LIMIT);
    if (paging.invalid() != null) {
      return parameterError(paging.invalid());
    }
    ArrayNode data = JSON.createArrayNode();
    rows(instrument.get(), size.get(), paging, recentOnly).forEach(data::add);
    return SimResponse.ok(JSON.writeValueAsString(data));
  }

  /** The newest {@code count} bars of {@code bar} (e.g. "1m", "1Dutc"), newest first, the forming one with confirm "0". */
  List<ArrayNode> recent(Instrument i, String bar, int count) {
    return OkxBarSize.of(bar)
        .map(
            size ->
                rows(
                    i,
                    size,
                    new Paging(OptionalLong.empty(), OptionalLong.empty(), count, null),
                    true))
        .orElse(List.of());
  }

  private List<ArrayNode> rows(Instrument i, OkxBarSize size, Paging paging, boolean recentOnly) {
    long current = size.openOf(market.currentBarOpen().toEpochMilli());
    long oldest = size.openOf(market.firstBarOpen());
    if (recentOnly) {
      long back = current;
      if (size.months() == 0) {
        back = current - (RECENT_BARS - 1) * size.millis();
      } else {
        for (int n = 1; n < RECENT_BARS && back > oldest; n++) {
          back = size.previous(back);
        }
      }
      oldest = Math.max(oldest, back);
    }
    long open =
        paging.after().isPresent()
            ? Math.min(current, size.openOf(paging.after().getAsLong() - 1))
            : current;
    long newerThan = paging.before().orElse(Long.MIN_VALUE);
    List<ArrayNode> rows = new ArrayList<>(Math.min(paging.limit(), 300));
    while (rows.size() < paging.limit() && open >= oldest && open > newerThan) {
      long bar = open;
      market
          .span(i.instId(), bar, size.next(bar))
          .ifPresent(b -> rows.add(row(i, bar, b, bar == current)));
      open = size.previous(open);
    }
    return rows;
  }

  /** Funding settled every 8 h at the constant rate, newest first, over OKX's three months; paged by {@code fundingTime}. */
  SimResponse fundingRateHistory(Map<String, String> query) {
    Optional<Instrument> instrument =
        Optional.ofNullable(query.get("instId")).flatMap(market::instrument);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    Paging paging = Paging.of(query, FUNDING_MAX_LIMIT, FUNDING_MAX_LIMIT);
    if (paging.invalid() != null) {
      return parameterError(paging.invalid());
    }
    long period = SimMarket.FUNDING_PERIOD.toMillis();
    long now = market.now().toEpochMilli();
    long latest = SimMarket.nextFundingTime(now) - period;
    long oldest = Math.max(market.firstBarOpen(), now - FUNDING_HISTORY_MILLIS);
    long time =
        paging.after().isPresent()
            ? Math.min(latest, SimMarket.nextFundingTime(paging.after().getAsLong() - 1) - period)
            : latest;
    ArrayNode data = JSON.createArrayNode();
    while (data.size() < paging.limit()
        && time >= oldest
        && time > paging.before().orElse(Long.MIN_VALUE)) {
      ObjectNode n = data.addObject();
      String rate = str(SimMarket.FUNDING_RATE);
      n.put("instType", "SWAP")
          .put("instId", instrument.get().instId())
          .put("formulaType", "noRate")
          .put("fundingRate", rate)
          .put("realizedRate", rate)
          .put("fundingTime", Long.toString(time))
          .put("method", "current_period");
      time -= period;
    }
    return SimResponse.ok(JSON.writeValueAsString(data));
  }

  /** {@code after}, {@code before} and {@code limit} as read; {@code invalid} names the first malformed one. */
  record Paging(OptionalLong after, OptionalLong before, int limit, String invalid) {

    static Paging of(Map<String, String> query, int defaultLimit, int maxLimit) {
      OptionalLong after = OptionalLong.empty();
      OptionalLong before = OptionalLong.empty();
      int limit = defaultLimit;
      try {
        after = optionalLong(query.get("after"));
      } catch (NumberFormatException e) {
        return new Paging(after, before, limit, "after");
      }
      try {
        before = optionalLong(query.get("before"));
      } catch (NumberFormatException e) {
        return new Paging(after, before, limit, "before");
      }
      try {
        String asked = query.get("limit");
        limit =
            asked == null || asked.isEmpty()
                ? defaultLimit
                : Math.min(maxLimit, Integer.parseInt(asked));
      } catch (NumberFormatException e) {
        return new Paging(after, before, limit, "limit");
      }
      return new Paging(after, before, limit, limit < 1 ? "limit" : null);
    }

    private static OptionalLong optionalLong(String value) {
      return value == null || value.isEmpty()
          ? OptionalLong.empty()
          : OptionalLong.of(Long.parseLong(value));
    }
  }

  private static ArrayNode row(Instrument i, long open, SimMarket.Bar bar, boolean forming) {
    BigDecimal volCcy = bar.volume().multiply(i.contractSize());
    ArrayNode row = JSON.createArrayNode();
    row.add(Long.toString(open))
        .add(str(bar.open()))
        .add(str(bar.high()))
        .add(str(bar.low()))
        .add(str(bar.close()))
        .add(str(bar.volume()))
        .add(str(volCcy))
        .add(str(volCcy.multiply(bar.close()).setScale(2, RoundingMode.HALF_UP)))
        .add(forming ? "0" : "1");
    return row;
  }

  private static SimResponse parameterError(String name) {
    return new SimResponse(
        400, "{\"code\":\"51000\",\"msg\":\"Parameter " + name + " error\",\"data\":[]}");
  }

  private static String str(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
