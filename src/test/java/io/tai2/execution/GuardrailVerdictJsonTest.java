package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.PEPE;
import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.buy;
import static io.tai2.execution.TradeFixtures.hold;
import static io.tai2.execution.TradeFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GuardrailVerdictJsonTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void givenAnApprovedEntry_whenWrittenAsJson_thenThePlanAndEveryCheckAreThereWithPlainNumbers() {
    TradeFixtures.Input in = input();
    in.instrument = PEPE;
    in.price("0.00001");
    in.equity = bd("1000");
    in.available = bd("1000");
    in.decision = buy("0.5", "0.1", null, "0.0000095", "0.000011");
    GuardrailVerdict verdict = in.evaluate();

    JsonNode json = JSON.readTree(verdict.toJson());

    assertThat(json.get("verdict").asString()).isEqualTo("approved");
    assertThat(json.get("rule").isNull()).isTrue();
    JsonNode plan = json.get("plan");
    assertThat(plan.get("client_order_id").asString())
        .isEqualTo("t20f8fad5bd9cb469fa1657086772895");
    assertThat(plan.get("side").asString()).isEqualTo("buy");
    assertThat(plan.get("contracts").decimalValue()).isEqualByComparingTo("5000");
    assertThat(plan.get("reduce_only").asBoolean()).isFalse();
    assertThat(verdict.toJson())
        .contains("\"reference_price\":0.00001")
        .doesNotContainPattern("\\d[eE][-+]\\d");
    assertThat(json.get("checks").size()).isEqualTo(verdict.checks().size());
    JsonNode clip =
        json.get("checks")
            .valueStream()
            .filter(c -> c.get("rule").asString().equals("max_order_size"))
            .findFirst()
            .orElseThrow();
    assertThat(clip.get("result").asString()).isEqualTo("CLIPPED");
    assertThat(clip.get("before").asString()).isEqualTo("10000 contracts");
    assertThat(clip.get("after").asString()).isEqualTo("5000 contracts");
  }

  @Test
  void givenABlock_whenWrittenAsJson_thenRuleAndReasonAreThereAndNoPlan() {
    TradeFixtures.Input in = input();
    in.locked = true;

    JsonNode json = JSON.readTree(in.evaluate().toJson());

    assertThat(json.get("verdict").asString()).isEqualTo("blocked");
    assertThat(json.get("rule").asString()).isEqualTo("risk_lock");
    assertThat(json.get("reason").asString()).contains("daily loss limit reached");
    assertThat(json.get("plan").isNull()).isTrue();
    assertThat(json.get("checks").get(json.get("checks").size() - 1).get("result").asString())
        .isEqualTo("BLOCKED");
  }

  @Test
  void givenAHold_whenWrittenAsJson_thenItIsNothingToDo() {
    TradeFixtures.Input in = input();
    in.decision = hold();

    JsonNode json = JSON.readTree(in.evaluate().toJson());

    assertThat(json.get("verdict").asString()).isEqualTo("nothing_to_do");
    assertThat(json.get("reason").asString()).isEqualTo("HOLD: nothing to send for BTC-USDT-SWAP");
  }
}
