package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.reasoning.Decision.Action;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision records refuse to exist in an invalid state, whoever builds them. */
class DecisionTest {

  private static Assessment assessment(
      String confidence, Optional<BigDecimal> risk, String rationale) {
    return new Assessment(
        new BigDecimal(confidence), risk, rationale, Optional.empty(), Optional.empty(), List.of());
  }

  private static Assessment entryAssessment() {
    return assessment("0.7", Optional.of(new BigDecimal("0.3")), "trend up");
  }

  private static Optional<BigDecimal> price(String value) {
    return Optional.of(new BigDecimal(value));
  }

  @Test
  void givenAConfidenceOutsideZeroToOne_whenAnAssessmentIsBuilt_thenItIsRefused() {
    assertThatThrownBy(() -> assessment("1.01", Optional.empty(), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confidence 1.01 is outside 0..1");
    assertThatThrownBy(() -> assessment("-0.1", Optional.empty(), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> assessment("0.5", price("2"), ""))
        .hasMessage("risk_score 2 is outside 0..1");
  }

  @Test
  void givenUncleanOrOverlongText_whenAnAssessmentIsBuilt_thenItIsRefused() {
    assertThatThrownBy(() -> assessment("0.5", Optional.empty(), "a\u0000b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> assessment("0.5", Optional.empty(), " padded "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> assessment("0.5", Optional.empty(), "x".repeat(Assessment.MAX_RATIONALE + 1)))
        .hasMessageContaining("at most 4000 characters");
    assertThatThrownBy(
            () ->
                new Assessment(
                    BigDecimal.ONE,
                    Optional.empty(),
                    "",
                    Optional.of("1h\n4h"),
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Assessment(
                    BigDecimal.ONE,
                    Optional.empty(),
                    "",
                    Optional.empty(),
                    Optional.empty(),
                    Collections.nCopies(17, "t")))
        .hasMessageContaining("17 entries");
    assertThatThrownBy(
            () ->
                new Assessment(
                    BigDecimal.ONE,
                    Optional.empty(),
                    "",
                    Optional.empty(),
                    Optional.empty(),
                    List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenABuyWithoutRiskScoreOrRationale_whenBuilt_thenItIsRefused() {
    Optional<BigDecimal> none = Optional.empty();
    assertThatThrownBy(
            () ->
                new Decision.Buy(assessment("0.7", none, "why"), none, none, price("59000"), none))
        .hasMessage("a BUY needs a risk_score");
    assertThatThrownBy(
            () ->
                new Decision.Sell(
                    assessment("0.7", price("0.2"), ""), none, none, price("61000"), none))
        .hasMessage("a SELL needs a rationale");
  }

  @Test
  void givenEntryLevelsInTheWrongOrder_whenBuilt_thenTheyAreRefused() {
    Optional<BigDecimal> none = Optional.empty();
    assertThatThrownBy(
            () -> new Decision.Buy(entryAssessment(), none, none, price("62000"), price("61000")))
        .hasMessage("a BUY's stop_loss must be below its take_profit");
    assertThatThrownBy(
            () -> new Decision.Sell(entryAssessment(), none, none, price("58000"), price("59000")))
        .hasMessage("a SELL's stop_loss must be above its take_profit");
    assertThatThrownBy(() -> new Decision.Buy(entryAssessment(), none, none, price("0"), none))
        .hasMessage("stop_loss 0 must be a positive price");
    assertThatThrownBy(() -> new Decision.Hold(entryAssessment(), price("60000"), price("60000")))
        .hasMessage("stop_loss and take_profit must differ");
  }

  @Test
  void givenSizeHintsOutOfRange_whenAnEntryIsBuilt_thenItIsRefused() {
    Optional<BigDecimal> none = Optional.empty();
    assertThatThrownBy(
            () -> new Decision.Buy(entryAssessment(), price("1.5"), none, price("59000"), none))
        .hasMessage("equity_pct 1.5 is outside 0..1");
    assertThatThrownBy(
            () -> new Decision.Buy(entryAssessment(), none, price("-1"), price("59000"), none))
        .hasMessageContaining("position_size -1 is outside");
    assertThatThrownBy(
            () ->
                new Decision.Buy(
                    entryAssessment(), none, price("1000000001"), price("59000"), none))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenValidValues_whenEachDecisionIsBuilt_thenItReportsItsAction() {
    Optional<BigDecimal> none = Optional.empty();
    assertThat(
            new Decision.Buy(entryAssessment(), none, none, price("59000"), price("62000"))
                .action())
        .isEqualTo(Action.BUY);
    assertThat(
            new Decision.Sell(entryAssessment(), none, none, price("61000"), price("58000"))
                .action())
        .isEqualTo(Action.SELL);
    assertThat(new Decision.Hold(assessment("0.1", none, ""), none, none).action())
        .isEqualTo(Action.HOLD);
    assertThat(new Decision.Close(assessment("0.9", none, "")).confidence())
        .isEqualByComparingTo("0.9");
  }

  @Test
  void givenActionText_whenNamed_thenCaseAndBlanksDoNotMatterButOtherWordsDo() {
    assertThat(Action.named(" buy ")).contains(Action.BUY);
    assertThat(Action.named("Close")).contains(Action.CLOSE);
    assertThat(Action.named("LONG")).isEmpty();
    assertThat(Action.named("BUY NOW")).isEmpty();
    assertThat(Action.named("")).isEmpty();
  }

  @Test
  void givenARejection_whenItsHoldIsTaken_thenTheHoldCarriesTheReasonAndNoConfidence() {
    DecisionOutcome.Rejected rejected =
        new DecisionOutcome.Rejected("stop_loss is missing", Optional.of(Action.BUY));

    Decision.Hold hold = rejected.asHold();

    assertThat(rejected.decision()).isEqualTo(hold);
    assertThat(hold.confidence()).isEqualByComparingTo("0");
    assertThat(hold.assessment().rationale()).isEqualTo("rejected: stop_loss is missing");
    assertThat(hold.assessment().tags()).containsExactly("rejected");
    assertThat(hold.stopLoss()).isEmpty();
    assertThat(rejected.attemptedAction()).contains(Action.BUY);
  }

  @Test
  void givenABlankOrControlLadenReason_whenARejectionIsBuilt_thenItIsRefusedOrCleaned() {
    assertThatThrownBy(() -> new DecisionOutcome.Rejected(" \u0000 "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new DecisionOutcome.Rejected("bad\u0007 \u202Ereply\n").reason())
        .isEqualTo("bad reply");
    assertThat(new DecisionOutcome.Rejected("x".repeat(900)).reason())
        .hasSize(DecisionOutcome.Rejected.MAX_REASON);
  }

  @Test
  void givenAnInvalidPriceContext_whenBuilt_thenItIsRefused() {
    assertThatThrownBy(
            () -> new PriceContext("BTC-USDT-SWAP", BigDecimal.ZERO, new BigDecimal("0.1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PriceContext(" ", BigDecimal.TEN, new BigDecimal("0.1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PriceContext("X", BigDecimal.TEN, BigDecimal.TEN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
