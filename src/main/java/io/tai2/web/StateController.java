package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.market.CandleHistory;
import io.tai2.market.MarketEngine;
import io.tai2.state.StateStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The latest market state as the market engine stored it. */
@RestController
class StateController {

  private final StateStore store;
  private final ObjectProvider<MarketEngine> engine;

  StateController(StateStore store, ObjectProvider<MarketEngine> engine) {
    this.store = store;
    this.engine = engine;
  }

  @Operation(
      summary =
          "A tracked symbol's candles (last 200 closed + the open one) with every indicator, in columns")
  @GetMapping(value = "/state/series", produces = MediaType.APPLICATION_JSON_VALUE)
  CandleHistory series(
      @RequestParam String symbol, @RequestParam(defaultValue = "4H") String timeframe) {
    return seriesOf(engine.getIfAvailable(), symbol, timeframe);
  }

  /** The series of a tracked symbol and computed timeframe (404 naming the parameter otherwise; 503 until it has candles). */
  static CandleHistory seriesOf(MarketEngine market, String symbol, String timeframe) {
    if (market == null) {
      throw new ServiceUnavailableException(
          "market engine off",
          "the market engine is not running in this process (tai2.market.enabled=false)");
    }
    String id = tracked(symbol, market.symbols());
    if (!market.timeframes().contains(timeframe)) {
      throw BadParameterException.unknown(
          "timeframe",
          "timeframe "
              + RequestProblems.echo(timeframe)
              + " is not computed; use one of "
              + String.join(", ", market.timeframes()));
    }
    return market
        .history(id, timeframe)
        .orElseThrow(
            () ->
                new ServiceUnavailableException(
                    "series unavailable",
                    "no candles for " + id + " " + timeframe + " yet; try again shortly"));
  }

  @Operation(
      summary = "Latest market view (all tracked symbols), or one symbol's snapshot with ?symbol=")
  @GetMapping(value = "/state/latest", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> latest(@RequestParam Optional<String> symbol) {
    if (!store.isAvailable()) {
      throw new ServiceUnavailableException(
          "state store unavailable",
          "the " + store.kind() + " state store is not reachable; check REDIS_URL");
    }
    // Without a market engine in this process (another one writes the store) there is no list to
    // check against.
    Optional<String> id =
        symbol.map(
            s ->
                Optional.ofNullable(engine.getIfAvailable())
                    .map(m -> tracked(s, m.symbols()))
                    .orElse(s.trim().toUpperCase(Locale.ROOT)));
    Optional<String> json = id.map(store::snapshot).orElseGet(store::marketView);
    return json.map(ResponseEntity::ok)
        .orElseThrow(
            () ->
                new ServiceUnavailableException(
                    "snapshot unavailable",
                    symbol
                        .map(
                            s ->
                                "no market snapshot for "
                                    + id.orElse(s)
                                    + " yet; try again shortly")
                        .orElse(
                            "no market snapshot yet; the market engine has not published one")));
  }

  /** The symbol as tracked (trimmed, upper-cased); an untracked one is a 404 naming the tracked ones. */
  private static String tracked(String symbol, List<String> tracked) {
    String id = symbol.trim().toUpperCase(Locale.ROOT);
    if (!tracked.contains(id)) {
      throw BadParameterException.unknown(
          "symbol",
          "symbol "
              + RequestProblems.echo(id)
              + " is not tracked; tracked are "
              + tracked
              + " (add it to the trading pairs first)");
    }
    return id;
  }
}
