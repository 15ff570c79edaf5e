package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RiskyChangesTest {

  private static final JsonNode CURRENT = Json.parse(
      "{\"execution\":{\"enabled\":false},\"okx\":{\"demo\":true},\"guardrails\":{\"max_leverage\":5,\"max_position_pct\":0.2}}");

  @Test
  void givenEachGuardedField_whenChangedTowardsMoreRisk_thenItIsRiskyAndTowardsLessItIsNot() {
    Map<String, String[]> patches = Map.of(
        "execution.enabled", new String[] {"{\"execution\":{\"enabled\":true}}", "{\"execution\":{\"enabled\":false}}"},
        "okx.demo", new String[] {"{\"okx\":{\"demo\":false}}", "{\"okx\":{\"demo\":true}}"},
        "guardrails.max_leverage", new String[] {"{\"guardrails\":{\"max_leverage\":6}}", "{\"guardrails\":{\"max_leverage\":4}}"});
    assertThat(patches.keySet()).as("every field the CFG page marks is checked here").isEqualTo(RiskyChanges.GUARDED_FIELDS);
    patches.forEach((field, pair) -> {
      assertThat(RiskyChanges.risky(Json.parse(pair[0]), CURRENT)).as(field + " towards more risk").hasSize(1);
      assertThat(RiskyChanges.risky(Json.parse(pair[1]), CURRENT)).as(field + " towards less risk").isEmpty();
    });
  }

  @Test
  void givenOnlyUnguardedFields_whenChanged_thenNothingIsRisky() {
    assertThat(RiskyChanges.risky(Json.parse("{\"guardrails\":{\"max_position_pct\":0.5},\"scheduler\":{\"enabled\":true}}"), CURRENT)).isEmpty();
  }
}
