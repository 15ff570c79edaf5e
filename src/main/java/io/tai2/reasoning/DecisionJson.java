package io.tai2.reasoning;

import static io.tai2.reasoning.ContextJson.num;

import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@link Decision} as JSON, in the response schema's field names, for the decision log and the API. */
public final class DecisionJson {

  private DecisionJson() {}

  public static ObjectNode of(Decision decision) {
    ObjectNode out = ContextJson.object();
    out.put("action", decision.action().name());
    Assessment a = decision.assessment();
    out.set("confidence", num(a.confidence()));
    out.set("risk_score", num(a.riskScore().orElse(null)));
    switch (decision) {
      case Decision.Buy b ->
          entry(out, b.equityPct(), b.positionSize(), b.stopLoss(), b.takeProfit());
      case Decision.Sell s ->
          entry(out, s.equityPct(), s.positionSize(), s.stopLoss(), s.takeProfit());
      case Decision.Hold h -> {
        out.set("stop_loss", num(h.stopLoss().orElse(null)));
        out.set("take_profit", num(h.takeProfit().orElse(null)));
      }
      case Decision.Close c -> {}
    }
    out.put("rationale", a.rationale());
    out.put("timeframe_alignment", a.timeframeAlignment().orElse(null));
    out.put("notes", a.notes().orElse(null));
    ArrayNode tags = out.putArray("tags");
    a.tags().forEach(tags::add);
    return out;
  }

  public static String text(Decision decision) {
    return ContextJson.write(of(decision));
  }

  private static void entry(
      ObjectNode out,
      Optional<BigDecimal> equityPct,
      Optional<BigDecimal> size,
      Optional<BigDecimal> sl,
      Optional<BigDecimal> tp) {
    out.set("equity_pct", num(equityPct.orElse(null)));
    out.set("position_size", num(size.orElse(null)));
    out.set("stop_loss", num(sl.orElse(null)));
    out.set("take_profit", num(tp.orElse(null)));
  }
}
