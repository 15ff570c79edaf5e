package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.SettingsDocument;
import io.tai2.config.StrictJson;
import io.tai2.execution.DecisionExecution;
import io.tai2.execution.GuardrailVerdict;
import io.tai2.execution.OrderPlan;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSnapshot;
import io.tai2.reasoning.Decision;
import io.tai2.reasoning.DecisionJson;
import io.tai2.reasoning.DecisionParser;
import io.tai2.reasoning.PriceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ObjectNode;

/**
 * TA's "what would the guardrails do?": an entry the operator types in is read as the decision parser reads a model's
 * BUY or SELL, then judged by the guardrails on the input a decision made now would get, on the account that would
 * trade it. Nothing is recorded and nothing is sent: the answer is the verdict with every check and, when approved, the
 * order as it would go out.
 */
@RestController
class GuardrailPreviewController {

  /** What stands in the preview's decision for the words a model would give: no guardrail reads them. */
  static final String RATIONALE = "operator's preview on TA (never sent)";

  static final BigDecimal DEFAULT_RISK_SCORE = new BigDecimal("0.5");

  private final ObjectProvider<MarketEngine> market;
  private final ObjectProvider<DecisionExecution> execution;
  private final SettingsDocument<GuardrailSettings> guardrails;

  GuardrailPreviewController(
      ObjectProvider<MarketEngine> market,
      ObjectProvider<DecisionExecution> execution,
      SettingsDocument<GuardrailSettings> guardrails) {
    this.market = market;
    this.execution = execution;
    this.guardrails = guardrails;
  }

  /** The entry as sent; {@code confidence} sets the target leverage as it does for a model's decision. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Entry(
      String symbol,
      String action,
      BigDecimal confidence,
      BigDecimal riskScore,
      BigDecimal equityPct,
      BigDecimal positionSize,
      BigDecimal stopLoss,
      BigDecimal takeProfit) {}

  /** The order an approved entry would send: what the executor would be handed, and the margin it would lock. */
  record Order(
      String symbol,
      String side,
      String posSide,
      String tradeMode,
      String orderType,
      BigDecimal contracts,
      BigDecimal leverage,
      BigDecimal stopLoss,
      BigDecimal takeProfit,
      BigDecimal referencePrice,
      BigDecimal currentPrice,
      BigDecimal ctVal,
      String ctValCcy,
      BigDecimal notionalUsdt,
      BigDecimal marginEstimateUsdt,
      BigDecimal seedUsdt) {}

  /**
   * @param account {@code paper} (the paper book named in {@code paper_book} trades while live execution is off) or
   *     {@code okx}
   * @param sent always false: a preview sends nothing
   */
  record PreviewView(
      String symbol,
      String account,
      String paperBook,
      boolean liveExecution,
      boolean sent,
      BigDecimal price,
      JsonNode decision,
      JsonNode verdict,
      Order order) {}

  @Operation(
      summary =
          "What the guardrails would do with an entry now: the full verdict and the order it would send (nothing is recorded or sent)")
  @PostMapping(path = "/api/guardrails/preview", consumes = "application/json")
  PreviewView preview(@RequestBody String body) {
    Entry e = bind(body);
    String symbol = e.symbol() == null ? "" : e.symbol().strip().toUpperCase(Locale.ROOT);
    MarketEngine engine = required(market.getIfAvailable());
    if (symbol.isEmpty()) {
      throw new InvalidFieldsException(
          "symbol", "is required: a tracked pair such as BTC-USDT-SWAP");
    }
    if (!engine.symbols().contains(symbol)) {
      throw new InvalidFieldsException(
          "symbol", symbol + " is not tracked; tracked are " + engine.symbols());
    }
    MarketSnapshot snapshot = engine.snapshot(symbol).orElse(null);
    if (snapshot == null
        || snapshot.ticker() == null
        || snapshot.ticker().last() == null
        || snapshot.instrument() == null
        || snapshot.instrument().tickSz() == null) {
      throw new ServiceUnavailableException(
          "no market data",
          "no price or instrument rules for " + symbol + " yet; try again shortly");
    }
    BigDecimal price = snapshot.ticker().last();
    PriceContext context = new PriceContext(symbol, price, snapshot.instrument().tickSz());
    DecisionParser parser =
        new DecisionParser(
            new DecisionParser.Rules(
                guardrails.current().requireProtection(),
                DecisionParser.Rules.DEFAULT.maxProtectionDistance()));
    Decision decision = parser.entry(reply(e), context);
    DecisionExecution.Preview preview =
        required(execution.getIfAvailable())
            .preview(symbol, decision, price, snapshot.generatedAt());
    return new PreviewView(
        symbol,
        preview.paperBook().isPresent() ? "paper" : "okx",
        preview.paperBook().orElse(null),
        preview.liveExecution(),
        false,
        price,
        Json.parse(DecisionJson.text(decision)),
        Json.parse(preview.verdict().toJson()),
        order(preview).orElse(null));
  }

  private static Entry bind(String body) {
    try {
      return StrictJson.bind(
          StrictJson.parse(body),
          Entry.class,
          "",
          Set.of("equity_pct", "position_size", "stop_loss", "take_profit", "risk_score"));
    } catch (InvalidFieldsException x) {
      throw new InvalidFieldsException(x.errors()); // a request, not a settings change
    }
  }

  /** The entry in the shape of a model's reply, so the parser's own reads and bounds apply to it. */
  private static ObjectNode reply(Entry e) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("action", e.action());
    r.put("confidence", e.confidence());
    r.put("risk_score", e.riskScore() == null ? DEFAULT_RISK_SCORE : e.riskScore());
    r.put("rationale", RATIONALE);
    r.put("equity_pct", e.equityPct());
    r.put("position_size", e.positionSize());
    r.put("stop_loss", e.stopLoss());
    r.put("take_profit", e.takeProfit());
    return r;
  }

  private static Optional<Order> order(DecisionExecution.Preview preview) {
    if (!(preview.verdict() instanceof GuardrailVerdict.Approved approved)) {
      return Optional.empty();
    }
    OrderPlan p = approved.plan();
    MarketSnapshot.InstrumentSpec instrument = preview.input().instrument();
    BigDecimal current = preview.input().prices().current();
    BigDecimal notional =
        instrument.ctVal() == null
            ? null
            : p.contracts()
                .multiply(instrument.ctVal())
                .multiply(current)
                .setScale(2, RoundingMode.HALF_UP);
    return Optional.of(
        new Order(
            p.symbol(),
            p.side(),
            p.posSide(),
            p.tradeMode(),
            p.orderType(),
            p.contracts(),
            p.leverage(),
            p.stopLoss().orElse(null),
            p.takeProfit().orElse(null),
            p.referencePrice(),
            current,
            instrument.ctVal(),
            instrument.ctValCcy(),
            notional,
            preview.marginEstimate().orElse(null),
            p.seedUsdt().orElse(null)));
  }

  private static <T> T required(T bean) {
    if (bean == null) {
      throw new ServiceUnavailableException(
          "market engine off",
          "the market engine is not running in this process (tai2.market.enabled=false)");
    }
    return bean;
  }
}
