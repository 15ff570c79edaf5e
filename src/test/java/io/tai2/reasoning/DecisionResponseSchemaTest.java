package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The response schema the model is given, and the check of an operator's override. */
class DecisionResponseSchemaTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> RANGE_KEYWORDS =
      Set.of(
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "maxItems",
          "pattern");

  @Test
  void givenTheDefaultSchema_whenInspected_thenEveryPropertyIsRequiredAndNoOthersAreAllowed() {
    JsonNode schema = ResponseSchema.json();

    Set<String> properties = new HashSet<>(schema.path("properties").propertyNames());
    Set<String> required = new HashSet<>();
    schema.path("required").values().forEach(r -> required.add(r.stringValue()));

    assertThat(properties).isEqualTo(ReplyFields.SCHEMA_KEYS).isEqualTo(required);
    assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
    assertThat(schema.path("additionalProperties").booleanValue()).isFalse();
    assertThat(ResponseSchema.strictCompatible(schema)).isTrue();
  }

  @Test
  void
      givenTheDefaultSchema_whenInspected_thenItFollowsTheUpstreamFieldsWithCloseAndNullableOptionals() {
    JsonNode properties = ResponseSchema.json().path("properties");

    assertThat(properties.path("action").path("enum").values())
        .extracting(JsonNode::stringValue)
        .containsExactly("BUY", "SELL", "HOLD", "CLOSE");
    assertThat(properties.path("confidence").path("type").stringValue()).isEqualTo("number");
    assertThat(properties.path("risk_score").path("type").stringValue()).isEqualTo("number");
    assertThat(properties.path("rationale").path("type").stringValue()).isEqualTo("string");
    for (String optional : List.of("position_size", "equity_pct", "stop_loss", "take_profit")) {
      assertThat(properties.path(optional).path("type").values())
          .extracting(JsonNode::stringValue)
          .as(optional)
          .containsExactly("number", "null");
    }
    for (String optional : List.of("timeframe_alignment", "notes")) {
      assertThat(properties.path(optional).path("type").values())
          .extracting(JsonNode::stringValue)
          .as(optional)
          .containsExactly("string", "null");
    }
    assertThat(properties.path("tags").path("items").path("type").stringValue())
        .isEqualTo("string");
    assertThat(properties.path("confidence").path("description").stringValue()).contains("0 to 1");
  }

  @Test
  void givenTheDefaultSchema_whenSearchedForRangeKeywords_thenThereAreNone() {
    List<String> found = new ArrayList<>();
    collectKeywords(ResponseSchema.json(), found);

    assertThat(found).doesNotContainAnyElementsOf(RANGE_KEYWORDS);
  }

  @Test
  void givenTheSchemaText_whenReadBack_thenItIsTheSameTree() {
    assertThat(JSON.readTree(ResponseSchema.text())).isEqualTo(ResponseSchema.json());
  }

  @Test
  void givenACallerThatChangesItsCopy_whenTheSchemaIsAskedForAgain_thenItIsUnchanged() {
    ((ObjectNode) ResponseSchema.json()).put("additionalProperties", true);

    assertThat(ResponseSchema.strictCompatible(ResponseSchema.json())).isTrue();
  }

  @Test
  void givenAReplyFilledInAsTheDefaultSchemaAsksForAHold_whenParsed_thenItIsAcceptedAsHold() {
    String reply =
        """
        {"action":"HOLD","confidence":0.55,"position_size":null,"equity_pct":null,
         "rationale":"Snapshot 4 s old; cooldown active for 120 s, so no new entry.","risk_score":0.4,
         "stop_loss":null,"take_profit":null,"timeframe_alignment":"mixed","notes":null,"tags":["cooldown"]}""";

    DecisionOutcome outcome =
        new DecisionParser()
            .parse(
                reply,
                new PriceContext("BTC-USDT-SWAP", new BigDecimal("60000"), new BigDecimal("0.1")));

    assertThat(outcome).isInstanceOf(DecisionOutcome.Accepted.class);
    Decision.Hold hold = (Decision.Hold) outcome.decision();
    assertThat(hold.confidence()).isEqualTo(new BigDecimal("0.55"));
    assertThat(hold.assessment().riskScore()).contains(new BigDecimal("0.4"));
    assertThat(hold.assessment().tags()).containsExactly("cooldown");
    assertThat(((DecisionOutcome.Accepted) outcome).ignoredKeys()).isEmpty();
  }

  @Test
  void givenSchemasThatBreakStrictRules_whenChecked_thenTheyAreNotStrictCompatible() {
    ObjectNode missingRequired = (ObjectNode) ResponseSchema.json();
    missingRequired.putArray("required").add("action");
    ObjectNode open = (ObjectNode) ResponseSchema.json();
    open.remove("additionalProperties");
    ObjectNode nestedOpen = (ObjectNode) ResponseSchema.json();
    ((ObjectNode) nestedOpen.path("properties"))
        .set(
            "levels",
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}},\"required\":[\"a\"]}"));
    nestedOpen.withArray("required").add("levels");

    assertThat(ResponseSchema.strictCompatible(missingRequired)).isFalse();
    assertThat(ResponseSchema.strictCompatible(open)).isFalse();
    assertThat(ResponseSchema.strictCompatible(nestedOpen)).isFalse();
    assertThat(ResponseSchema.strictCompatible(JSON.readTree("[]"))).isFalse();
  }

  @Test
  void givenTheDefaultAsAnOverride_whenChecked_thenUsableStrictAndWithoutWarnings() {
    SchemaCheck check = ResponseSchema.check(ResponseSchema.text());

    assertThat(check).isInstanceOf(SchemaCheck.Usable.class);
    SchemaCheck.Usable usable = (SchemaCheck.Usable) check;
    assertThat(usable.strictCompatible()).isTrue();
    assertThat(usable.warnings()).isEmpty();
    assertThat(usable.schema()).isEqualTo(ResponseSchema.json());
  }

  @Test
  void givenAMinimalOverride_whenChecked_thenUsableWithoutStrictAndWithWarningsAboutEntries() {
    SchemaCheck check =
        ResponseSchema.check(
            "{\"type\":\"object\",\"properties\":{\"action\":{\"type\":\"string\",\"enum\":[\"BUY\",\"LONG\"]},"
                + "\"confidence\":{\"type\":\"number\"}}}");

    SchemaCheck.Usable usable = (SchemaCheck.Usable) check;
    assertThat(usable.strictCompatible()).isFalse();
    assertThat(usable.warnings())
        .containsExactly(
            "no \"stop_loss\" property: BUY and SELL replies need it and will be rejected without it",
            "no \"risk_score\" property: BUY and SELL replies need it and will be rejected without it",
            "no \"rationale\" property: BUY and SELL replies need it and will be rejected without it",
            "action value \"LONG\" is not BUY, SELL, HOLD or CLOSE: such replies will be rejected",
            "not strict-compatible (every property required, additionalProperties false): sent without strict");
  }

  @Test
  void givenUnusableOverrides_whenChecked_thenTheReasonSaysWhatToFix() {
    assertThat(unusable("")).isEqualTo("the schema is empty");
    assertThat(unusable("{type: object}"))
        .startsWith("the schema is not usable JSON: invalid JSON: Unexpected character");
    assertThat(unusable("[]")).isEqualTo("the schema must be a JSON object");
    assertThat(unusable("{\"type\":\"array\",\"properties\":{}}"))
        .isEqualTo("the schema needs \"type\": \"object\" at the top");
    assertThat(unusable("{\"type\":\"object\",\"properties\":{\"action\":{}}}"))
        .isEqualTo(
            "the schema's \"properties\" must define at least \"action\" and \"confidence\"");
    assertThat(unusable("{\"type\":\"object\",\"type\":\"object\"}"))
        .contains("duplicate key \"type\"");
    assertThat(unusable(" ".repeat(40_000))).isEqualTo("the schema is empty");
    assertThat(unusable("{" + " ".repeat(40_000) + "}"))
        .isEqualTo("the schema is too large: 40002 characters; the limit is 32768");
  }

  private static String unusable(String override) {
    SchemaCheck check = ResponseSchema.check(override);
    assertThat(check).isInstanceOf(SchemaCheck.Unusable.class);
    return ((SchemaCheck.Unusable) check).reason();
  }

  private static void collectKeywords(JsonNode node, List<String> found) {
    if (node.isObject()) {
      for (var property : node.properties()) {
        found.add(property.getKey());
        collectKeywords(property.getValue(), found);
      }
    } else if (node.isArray()) {
      node.values().forEach(v -> collectKeywords(v, found));
    }
  }
}
