package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tai2.config.FieldError;
import io.tai2.config.InvalidFieldsException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** {@link DecisionParser#entry}: an operator's entry read with the parser's own checks, each refusal naming its field. */
class DecisionParserEntryTest {

  private static final PriceContext BTC =
      new PriceContext("BTC-USDT-SWAP", new BigDecimal("60000"), new BigDecimal("0.1"));
  private final DecisionParser parser = new DecisionParser();

  private static ObjectNode buy() {
    ObjectNode e = ContextJson.object();
    e.put("action", "BUY");
    e.put("confidence", new BigDecimal("0.7"));
    e.put("risk_score", new BigDecimal("0.5"));
    e.put("rationale", "preview");
    e.put("equity_pct", new BigDecimal("0.1"));
    e.put("stop_loss", new BigDecimal("58800"));
    e.put("take_profit", new BigDecimal("63000"));
    return e;
  }

  private List<FieldError> refused(ObjectNode entry) {
    InvalidFieldsException e =
        catchThrowableOfType(InvalidFieldsException.class, () -> parser.entry(entry, BTC));
    assertThat(e).as("refused: " + entry).isNotNull();
    return e.errors();
  }

  @Test
  void givenAValidEntry_whenRead_thenItIsTheDecisionTheParserMakesOfTheSameReply() {
    Decision fromForm = parser.entry(buy(), BTC);

    DecisionOutcome fromReply = parser.parse(ContextJson.write(buy()), BTC);

    assertThat(fromReply).isInstanceOf(DecisionOutcome.Accepted.class);
    assertThat(fromForm).isEqualTo(fromReply.decision());
    assertThat(fromForm)
        .isInstanceOfSatisfying(
            Decision.Buy.class,
            b -> {
              assertThat(b.stopLoss()).contains(new BigDecimal("58800"));
              assertThat(b.equityPct()).contains(new BigDecimal("0.1"));
              assertThat(b.positionSize()).isEqualTo(Optional.empty());
            });
  }

  @Test
  void givenAStopOnTheWrongSide_whenRead_thenTheStopIsRefusedByName() {
    ObjectNode e = buy();
    e.put("stop_loss", new BigDecimal("61000"));

    assertThat(refused(e))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("stop_loss");
              assertThat(f.message()).contains("is above the price 60000 for a BUY");
            });
  }

  @Test
  void givenASellWithATargetAboveThePrice_whenRead_thenTheTargetIsRefusedByName() {
    ObjectNode e = buy();
    e.put("action", "sell");
    e.put("stop_loss", new BigDecimal("61000"));
    e.put("take_profit", new BigDecimal("62000"));

    assertThat(refused(e)).extracting(FieldError::path).containsExactly("take_profit");
  }

  @Test
  void givenSeveralBadFields_whenRead_thenEveryOneIsNamed() {
    ObjectNode e = buy();
    e.put("confidence", new BigDecimal("1.5"));
    e.put("equity_pct", new BigDecimal("-0.1"));
    e.remove("stop_loss");
    e.put("take_profit", "60k");

    assertThat(refused(e))
        .extracting(FieldError::path)
        .containsExactly("confidence", "equity_pct", "take_profit", "stop_loss");
  }

  @Test
  void givenAHoldOrNoAction_whenRead_thenTheActionIsRefused() {
    ObjectNode hold = buy();
    hold.put("action", "HOLD");
    ObjectNode none = buy();
    none.remove("action");

    assertThat(refused(hold)).extracting(FieldError::path).containsExactly("action");
    assertThat(refused(none)).extracting(FieldError::path).containsExactly("action");
  }

  @Test
  void givenProtectionNotRequired_whenAnEntryHasNoStop_thenItIsRead() {
    ObjectNode e = buy();
    e.remove("stop_loss");

    Decision d =
        new DecisionParser(new DecisionParser.Rules(false, new BigDecimal("0.5"))).entry(e, BTC);

    assertThat(d)
        .isInstanceOfSatisfying(Decision.Buy.class, b -> assertThat(b.stopLoss()).isEmpty());
  }
}
