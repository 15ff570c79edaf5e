package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.evaluation.Bootstrap;
import io.tai2.evaluation.Verdict;
import io.tai2.reasoning.ReasoningSettings;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The promotion's settings patch and the champion card's plain verdicts, as plain functions. */
class PromotionTest {

  static final UUID CHAMPION = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID CHALLENGER = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-00000000000c");

  static ReasoningSettings settings(
      Optional<UUID> challenger, Optional<ReasoningSettings.AbSplit> split) {
    return ReasoningSettings.defaults()
        .withActiveVersion(CHAMPION)
        .withChallenger(challenger)
        .withAbSplit(split);
  }

  static Optional<ReasoningSettings.AbSplit> split(UUID a, UUID b) {
    return Optional.of(
        new ReasoningSettings.AbSplit(a, b, ReasoningSettings.AbSplit.Mode.BY_CYCLE));
  }

  @Test
  void givenTheChallenger_whenPromoted_thenThePatchMakesItActiveAndClearsTheMark() {
    ObjectNode patch =
        Promotion.patch(settings(Optional.of(CHALLENGER), Optional.empty()), CHALLENGER);

    assertThat(patch.toString())
        .isEqualTo(
            "{\"reasoning\":{\"active_version\":\""
                + CHALLENGER
                + "\",\"challenger_version\":null}}");
  }

  @Test
  void
      givenASplitOfChampionAndChallengerInEitherOrder_whenPromoted_thenItEnds_andASplitWithAnotherVersionStays() {
    assertThat(
            Promotion.patch(
                    settings(Optional.of(CHALLENGER), split(CHAMPION, CHALLENGER)), CHALLENGER)
                .path("reasoning")
                .has("ab_split"))
        .isTrue();
    assertThat(
            Promotion.endsSplit(
                settings(Optional.of(CHALLENGER), split(CHALLENGER, CHAMPION)), CHALLENGER))
        .isTrue();
    assertThat(
            Promotion.endsSplit(
                settings(Optional.of(CHALLENGER), split(CHAMPION, OTHER)), CHALLENGER))
        .isFalse();
    assertThat(
            Promotion.endsSplit(
                settings(Optional.of(CHALLENGER), split(CHALLENGER, OTHER)), CHALLENGER))
        .isFalse();
    assertThat(
            Promotion.patch(settings(Optional.of(CHALLENGER), split(CHAMPION, OTHER)), CHALLENGER)
                .path("reasoning")
                .has("ab_split"))
        .isFalse();
  }

  @Test
  void givenAnotherVersionOrNoChallenger_whenPromoted_thenRefusedNamingTheChallenger() {
    assertThatThrownBy(
            () -> Promotion.patch(settings(Optional.of(CHALLENGER), Optional.empty()), OTHER))
        .isInstanceOfSatisfying(
            Promotion.NotTheChallenger.class, e -> assertThat(e.challenger()).contains(CHALLENGER))
        .hasMessage("version " + OTHER + " is not the challenger; the challenger is " + CHALLENGER);
    assertThatThrownBy(
            () -> Promotion.patch(settings(Optional.empty(), Optional.empty()), CHALLENGER))
        .isInstanceOfSatisfying(
            Promotion.NotTheChallenger.class, e -> assertThat(e.challenger()).isEmpty())
        .hasMessageStartingWith("no challenger is marked");
  }

  @Test
  void givenVerdicts_whenSaidPlainly_thenAAndBAreTheChampionAndTheChallenger() {
    ChampionBoard.Arm a = new ChampionBoard.Arm(CHAMPION.toString(), "baseline");
    ChampionBoard.Arm b = new ChampionBoard.Arm(CHALLENGER.toString(), "tight");
    Bootstrap bootstrap = new Bootstrap(Bootstrap.DEFAULT_SEED);

    assertThat(
            ChampionBoard.plain(
                Verdict.between(new double[] {1, 2, 1}, new double[] {5, 6, 5}, bootstrap),
                a,
                b,
                3,
                3))
        .startsWith("the challenger tight beats the champion baseline")
        .endsWith("promoting it is backed by the evidence");
    assertThat(
            ChampionBoard.plain(
                Verdict.between(new double[] {5, 6, 5}, new double[] {1, 2, 1}, bootstrap),
                a,
                b,
                3,
                3))
        .startsWith("the champion baseline beats the challenger tight")
        .endsWith("keep the champion");
    assertThat(
            ChampionBoard.plain(
                Verdict.between(new double[] {1}, new double[] {5, 6}, bootstrap), a, b, 1, 2))
        .isEqualTo(
            "not enough closed trades yet to judge (champion 1, challenger 2); each needs at least 2");
    assertThat(
            ChampionBoard.plain(
                Verdict.between(new double[] {1, -1, 2}, new double[] {2, -1, 1.5}, bootstrap),
                a,
                b,
                3,
                3))
        .startsWith(
            "no significant difference yet between the champion baseline and the challenger tight — about ");
  }
}
