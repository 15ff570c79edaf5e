package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.SettingsDocument;
import io.tai2.indicators.Series;
import io.tai2.market.DerivativesSeries;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSnapshot;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * TA: a symbol's candles with indicator overlays and panels (drawn in the browser from {@code /state/series}), and
 * beside them funding, open interest, long/short ratio, liquidations, order flow and the heuristic signal, with a
 * button that runs a real prompt cycle for the symbol.
 */
@Controller
class TaController {

  private final ObjectProvider<MarketEngine> market;
  private final SettingsDocument<DisplaySettings> display;

  TaController(ObjectProvider<MarketEngine> market, SettingsDocument<DisplaySettings> display) {
    this.market = market;
    this.display = display;
  }

  /** One charted series for ta.js: the catalogue ({@link Series}) is the only place the page learns what to draw. */
  record ChartSeries(String key, String label, String panel, String style) {}

  record ChartPanel(String id, String title) {}

  /** The chart's panels (in {@link Series.Panel} order, those with a series) and series, as the page's data attribute. */
  static final String CHART =
      Json.MAPPER.writeValueAsString(
          Map.of(
              "panels",
                  Arrays.stream(Series.Panel.values())
                      .filter(p -> p != Series.Panel.NONE)
                      .filter(p -> Arrays.stream(Series.values()).anyMatch(s -> s.panel() == p))
                      .map(p -> new ChartPanel(p.name(), p.title()))
                      .toList(),
              "series",
                  Arrays.stream(Series.values())
                      .filter(s -> s.panel() != Series.Panel.NONE)
                      .map(
                          s ->
                              new ChartSeries(
                                  s.key(), s.label(), s.panel().name(), s.style().name()))
                      .toList()));

  record Side(
      String symbol,
      String last,
      String signal,
      String signalReason,
      String funding,
      String nextFunding,
      String openInterest,
      String longShort,
      String cvd,
      String ofi,
      String atr,
      List<String> liquidations,
      boolean stale) {}

  @GetMapping("/ta")
  String page(
      Model model,
      @RequestParam Optional<String> symbol,
      @RequestParam Optional<String> timeframe) {
    model.addAttribute("page", Page.TA);
    MarketEngine engine = market.getIfAvailable();
    List<String> symbols = engine == null ? List.of() : engine.symbols();
    List<String> timeframes = engine == null ? List.of() : engine.timeframes();
    String chosen =
        symbol
            .map(s -> s.strip().toUpperCase(Locale.ROOT))
            .filter(symbols::contains)
            .orElse(symbols.isEmpty() ? "" : symbols.getFirst());
    model.addAttribute("symbols", symbols);
    model.addAttribute("timeframes", timeframes);
    model.addAttribute("symbol", chosen);
    model.addAttribute(
        "timeframe",
        timeframe
            .filter(timeframes::contains)
            .orElse(
                timeframes.contains("1H")
                    ? "1H"
                    : timeframes.isEmpty() ? "" : timeframes.getFirst()));
    model.addAttribute("side", side(engine, chosen, display.current().timeZone()));
    model.addAttribute("chart", CHART);
    return "ta";
  }

  /** The candles for the page's chart, under the page's own access rule (the same data as {@code /state/series}). */
  @GetMapping("/ta/series")
  ResponseEntity<?> series(@RequestParam String symbol, @RequestParam String timeframe) {
    try {
      return ResponseEntity.ok(
          StateController.seriesOf(market.getIfAvailable(), symbol, timeframe));
    } catch (
        ServiceUnavailableException
            e) { // a page controller: the API's handler does not cover it (404s are handled
      // globally)
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      problem.setTitle(e.title());
      return ResponseEntity.status(503)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
  }

  /** The order-flow series of the snapshot for the page's small charts: CVD after each trade, book imbalance, long/short. */
  @GetMapping("/ta/flow")
  @ResponseBody
  Map<String, Object> flow(@RequestParam String symbol) {
    MarketEngine engine = market.getIfAvailable();
    Optional<MarketSnapshot> s =
        engine == null
            ? Optional.empty()
            : engine.snapshot(symbol.strip().toUpperCase(Locale.ROOT));
    MarketSnapshot.CustomMetrics c = s.map(MarketSnapshot::customMetrics).orElse(null);
    List<Object[]> ratio =
        s
            .map(MarketSnapshot::longShortRatio)
            .map(MarketSnapshot.LongShortRatio::series)
            .orElse(List.of())
            .stream()
            .map(p -> new Object[] {p.ts().toEpochMilli(), p.ratio()})
            .toList();
    List<DerivativesSeries.Point> derivatives =
        engine == null
            ? List.of()
            : engine.derivativesHistory(symbol.strip().toUpperCase(Locale.ROOT));
    List<Object[]> funding =
        derivatives.stream()
            .filter(p -> p.fundingRate() != null)
            .map(p -> new Object[] {p.minute().toEpochMilli(), p.fundingRate().movePointRight(2)})
            .toList();
    List<Object[]> openInterest =
        derivatives.stream()
            .filter(p -> p.oiContracts() != null)
            .map(p -> new Object[] {p.minute().toEpochMilli(), p.oiContracts()})
            .toList();
    return Map.of(
        "cvd",
        c == null || c.cvdSeries() == null ? List.of() : c.cvdSeries(),
        "ofi",
        c == null || c.ofiRatioSeries() == null ? List.of() : c.ofiRatioSeries(),
        "long_short",
        ratio,
        "funding_pct",
        funding,
        "open_interest_contracts",
        openInterest);
  }

  @GetMapping("/ta/side")
  String sideFragment(Model model, @RequestParam String symbol) {
    model.addAttribute(
        "side",
        side(
            market.getIfAvailable(),
            symbol.strip().toUpperCase(Locale.ROOT),
            display.current().timeZone()));
    return "ta :: side";
  }

  /** The figures beside the chart; times in {@code zone}, labelled with it. */
  private static Side side(MarketEngine engine, String symbol, ZoneId zone) {
    Optional<MarketSnapshot> s =
        engine == null || symbol.isEmpty() ? Optional.empty() : engine.snapshot(symbol);
    if (s.isEmpty()) {
      return null;
    }
    MarketSnapshot m = s.get();
    MarketSnapshot.Signal sig = m.strategySignal();
    MarketSnapshot.Funding f = m.funding();
    MarketSnapshot.OpenInterest oi = m.openInterest();
    MarketSnapshot.CustomMetrics c = m.customMetrics();
    MarketSnapshot.Risk r = m.riskMetrics();
    String ccy = m.instrument() == null ? "" : m.instrument().ctValCcy();
    return new Side(
        symbol,
        m.ticker() == null ? "–" : Fmt.num(m.ticker().last()),
        sig == null
            ? "–"
            : sig.action()
                + " (confidence "
                + String.format(Locale.ROOT, "%.2f", sig.confidence())
                + ")",
        sig == null ? "" : sig.reason(),
        f == null || f.rate() == null ? "–" : Fmt.pct(f.rate()),
        f == null || f.nextFundingTime() == null ? "–" : Fmt.time(f.nextFundingTime(), zone),
        oi == null || oi.contracts() == null
            ? "–"
            : Fmt.num(oi.contracts())
                + " ct = "
                + Fmt.num(oi.coin())
                + " "
                + ccy
                + (oi.usd() == null ? "" : " ≈ " + Fmt.usdt(oi.usd())),
        m.longShortRatio() == null || m.longShortRatio().value() == null
            ? "–"
            : Fmt.num(m.longShortRatio().value()) + " (" + m.longShortRatio().period() + ")",
        c == null
            ? "–"
            : String.format(
                Locale.ROOT,
                "%,.2f ct since start, %,.2f ct in the window (%d trades)",
                c.cvdTotalContracts(),
                c.cvdWindowContracts(),
                c.cvdWindowTrades()),
        c == null || c.ofiRatio() == null
            ? "–"
            : String.format(
                Locale.ROOT,
                "ratio %.3f, net %,.2f ct",
                c.ofiRatio(),
                c.ofiNetContracts() == null ? 0.0 : c.ofiNetContracts()),
        r == null || r.atr() == null
            ? "–"
            : String.format(
                Locale.ROOT,
                "%,.4f (%.2f %%), suggested stop %.2f %%",
                r.atr(),
                r.atrPct() == null ? 0.0 : r.atrPct(),
                r.suggestedStopPct() == null ? 0.0 : r.suggestedStopPct()),
        m.liquidations() == null
            ? List.of()
            : m.liquidations().stream()
                .limit(8)
                .map(
                    l ->
                        Fmt.clock(l.ts(), zone)
                            + " "
                            + l.side()
                            + " "
                            + Fmt.num(l.contracts())
                            + " ct at "
                            + Fmt.num(l.bankruptcyPx()))
                .toList(),
        m.stale());
  }
}
