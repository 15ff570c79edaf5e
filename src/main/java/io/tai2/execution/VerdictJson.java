package io.tai2.execution;

import java.math.BigDecimal;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link GuardrailVerdict} as the JSON of the decision log's {@code guardrail_verdict} column. */
final class VerdictJson {

  // plain decimals: prices like 0.00001 must not turn into 1E-5 in the log
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private VerdictJson() {}

  static String write(GuardrailVerdict verdict) {
    return JSON.writeValueAsString(node(verdict));
  }

  static ObjectNode node(GuardrailVerdict verdict) {
    ObjectNode out = NODES.objectNode();
    switch (verdict) {
      case GuardrailVerdict.Approved a -> {
        out.put("verdict", "approved");
        out.putNull("rule");
        out.putNull("reason");
        out.set("plan", plan(a.plan()));
      }
      case GuardrailVerdict.Blocked b -> {
        out.put("verdict", "blocked");
        out.put("rule", b.rule());
        out.put("reason", b.reason());
        out.putNull("plan");
      }
      case GuardrailVerdict.NothingToDo n -> {
        out.put("verdict", "nothing_to_do");
        out.putNull("rule");
        out.put("reason", n.reason());
        out.putNull("plan");
      }
    }
    ArrayNode checks = out.putArray("checks");
    for (RuleCheck c : verdict.checks()) {
      ObjectNode check = checks.addObject();
      check.put("rule", c.rule());
      check.put("result", c.result().name());
      check.put("before", c.before());
      check.put("after", c.after());
      check.put("detail", c.detail());
    }
    return out;
  }

  private static ObjectNode plan(OrderPlan p) {
    ObjectNode out = NODES.objectNode();
    out.put("decision_id", p.decisionId().toString());
    out.put("client_order_id", p.clientOrderId());
    out.put("symbol", p.symbol());
    out.put("side", p.side());
    out.put("pos_side", p.posSide());
    out.put("trade_mode", p.tradeMode());
    out.put("order_type", p.orderType());
    out.put("contracts", p.contracts());
    out.put("reduce_only", p.reduceOnly());
    put(out, "stop_loss", p.stopLoss().orElse(null));
    put(out, "take_profit", p.takeProfit().orElse(null));
    out.put("leverage", p.leverage());
    out.put("reference_price", p.referencePrice());
    out.put("snapshot_at", p.snapshotAt().toString());
    return out;
  }

  private static void put(ObjectNode out, String key, BigDecimal value) {
    if (value == null) {
      out.putNull(key);
    } else {
      out.put(key, value);
    }
  }
}
