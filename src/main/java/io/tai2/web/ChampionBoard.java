package io.tai2.web;

import io.tai2.evaluation.Leaderboard;
import io.tai2.evaluation.LeaderboardBoard;
import io.tai2.evaluation.LeaderboardQuery;
import io.tai2.evaluation.LeaderboardRow;
import io.tai2.evaluation.Verdict;
import io.tai2.history.PromptVersion;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The champion (the active prompt version) against the challenger (the version marked {@code reasoning.challenger_version}):
 * both arms' leaderboard rows and the verdict on challenger − champion per closed trade, in the trader's words. Read by
 * {@code GET /api/evaluation/champion} and the "Champion vs challenger" card on ENGINE and LAB.
 */
@Component
class ChampionBoard {

  private final Leaderboard leaderboard;
  private final ReasoningSettingsStore reasoning;
  private final PromptVersions versions;

  ChampionBoard(
      Leaderboard leaderboard, ReasoningSettingsStore reasoning, PromptVersions versions) {
    this.leaderboard = leaderboard;
    this.reasoning = reasoning;
    this.versions = versions;
  }

  /** A prompt version as the card names it; {@code id} is null only for the shipped defaults before any version is stored. */
  record Arm(String id, String name) {}

  /**
   * The leaderboard's verdict with the champion as A and the challenger as B; {@code verdict} is the leaderboard's sentence
   * (A = champion, B = challenger), {@code plain} the same in the trader's words.
   */
  record Comparison(
      List<Double> diffCi95, String verdict, String kind, Long moreTradesNeeded, String plain) {}

  /** {@code summary} is always a sentence: the verdict in plain words, or why there is none yet. */
  record View(
      Arm champion,
      Arm challenger,
      Comparison comparison,
      EvaluationController.RowView championRow,
      EvaluationController.RowView challengerRow,
      String summary,
      String source,
      Instant from,
      Instant to) {}

  /** Both arms over decisions made in [{@code from}, {@code to}) from {@code source}. */
  View of(LeaderboardQuery.Source source, Instant from, Instant to) {
    ReasoningSettings settings = reasoning.current();
    Arm champion = champion(settings);
    Optional<Arm> challenger = settings.challengerVersion().map(id -> arm(id));
    Optional<LeaderboardQuery.AbSplit> pair =
        challenger
            .filter(c -> champion.id() != null)
            .map(
                c ->
                    new LeaderboardQuery.AbSplit(
                        UUID.fromString(champion.id()), UUID.fromString(c.id())));
    LeaderboardBoard board;
    try {
      board =
          leaderboard.rank(
              new LeaderboardQuery(
                  LeaderboardQuery.GroupBy.VERSION, source, from, to, Optional.empty(), pair));
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "champion unavailable",
          "the history database is not reachable; check DATABASE_URL and the server",
          e);
    }
    // A challenger may trade (an A/B arm) and be shadowed too: like is compared with like first,
    // the traded arm before a shadow.
    Optional<LeaderboardBoard.Comparison> found =
        challenger.flatMap(
            c ->
                board.comparisons().stream()
                    .filter(x -> x.a().equals(champion.id()) && x.b().equals(c.id()))
                    .min(
                        Comparator.comparing(
                            (LeaderboardBoard.Comparison x) -> !x.bSource().equals(x.aSource()))));
    Optional<LeaderboardRow> championRow =
        row(board, champion.id(), found.map(LeaderboardBoard.Comparison::aSource));
    Optional<LeaderboardRow> challengerRow =
        challenger.flatMap(
            c -> row(board, c.id(), found.map(LeaderboardBoard.Comparison::bSource)));
    Optional<Comparison> comparison =
        found.map(
            c ->
                comparison(
                    c.verdict(),
                    champion,
                    challenger.orElseThrow(),
                    championRow.map(LeaderboardRow::closedTrades).orElse(0),
                    challengerRow.map(LeaderboardRow::closedTrades).orElse(0)));
    String summary =
        comparison
            .map(Comparison::plain)
            .orElseGet(
                () ->
                    withoutComparison(
                        champion, challenger, championRow.isPresent(), challengerRow.isPresent()));
    return new View(
        champion,
        challenger.orElse(null),
        comparison.orElse(null),
        championRow.map(EvaluationController.RowView::of).orElse(null),
        challengerRow.map(EvaluationController.RowView::of).orElse(null),
        summary,
        source.name().toLowerCase(Locale.ROOT),
        from,
        to);
  }

  /** {@link #of} over every source and the leaderboard's default period (the last 30 UTC days including today). */
  View lastDays() {
    Instant end = EvaluationController.defaultEnd();
    return of(LeaderboardQuery.Source.ALL, EvaluationController.defaultStart(end), end);
  }

  /** A version's name, for a problem that names the challenger. */
  String nameOf(UUID id) {
    return arm(id).name();
  }

  /** The prompt versions a challenger can be chosen from, newest first. */
  List<PromptVersion> candidates() {
    return versions.list(50);
  }

  private Arm champion(ReasoningSettings settings) {
    return settings
        .activeVersion()
        .map(this::arm)
        .orElseGet(
            () -> {
              PromptVersion live = versions.active().version();
              return live == null
                  ? new Arm(null, "shipped defaults")
                  : new Arm(live.id().toString(), live.name());
            });
  }

  private Arm arm(UUID id) {
    return new Arm(
        id.toString(),
        versions
            .find(id)
            .map(PromptVersion::name)
            .orElse("(deleted version " + id.toString().substring(0, 8) + ")"));
  }

  /** The arm's row of {@code source} when given, else its traded row (live or paper) before its shadow row. */
  private static Optional<LeaderboardRow> row(
      LeaderboardBoard board, String key, Optional<String> source) {
    return key == null
        ? Optional.empty()
        : board.rows().stream()
            .filter(r -> r.key().equals(key))
            .filter(r -> source.map(r.source()::equals).orElse(true))
            .min(Comparator.comparing((LeaderboardRow r) -> r.source().equals("shadow")));
  }

  static Comparison comparison(
      Verdict v, Arm champion, Arm challenger, int championTrades, int challengerTrades) {
    List<Double> ci = v.differenceCi95().map(c -> List.of(c.lower(), c.upper())).orElse(null);
    Long more = v.moreTradesNeeded().isPresent() ? v.moreTradesNeeded().getAsLong() : null;
    return new Comparison(
        ci,
        v.text(),
        v.kind().name(),
        more,
        plain(v, champion, challenger, championTrades, challengerTrades));
  }

  /** The verdict with "A" and "B" said as the champion and the challenger, and what it means for promoting. */
  static String plain(
      Verdict v, Arm champion, Arm challenger, int championTrades, int challengerTrades) {
    String interval =
        v.differenceCi95()
            .map(
                c ->
                    String.format(
                        Locale.ROOT, "%+.2f to %+.2f USDT per trade", c.lower(), c.upper()))
            .orElse("");
    return switch (v.kind()) {
      case B_BETTER ->
          "the challenger "
              + challenger.name()
              + " beats the champion "
              + champion.name()
              + ": it earns more per closed trade"
              + " (95 % interval of the difference "
              + interval
              + ", which excludes 0) — promoting it is backed by the evidence";
      case A_BETTER ->
          "the champion "
              + champion.name()
              + " beats the challenger "
              + challenger.name()
              + ": it earns more per closed trade"
              + " (95 % interval of the difference "
              + interval
              + ", which excludes 0) — keep the champion";
      case UNDECIDED ->
          v.differenceCi95().isEmpty()
              ? "not enough closed trades yet to judge (champion "
                  + championTrades
                  + ", challenger "
                  + challengerTrades
                  + "); each needs at least 2"
              : v.moreTradesNeeded().isPresent()
                  ? "no significant difference yet between the champion "
                      + champion.name()
                      + " and the challenger "
                      + challenger.name()
                      + " — about "
                      + v.moreTradesNeeded().getAsLong()
                      + " more closed trades needed (difference "
                      + interval
                      + ")"
                  : "no significant difference yet: the champion and the challenger earn the same per closed trade so far";
    };
  }

  private static String withoutComparison(
      Arm champion, Optional<Arm> challenger, boolean championTraded, boolean challengerTraded) {
    if (challenger.isEmpty()) {
      return "no challenger is marked: mark a prompt version as challenger, then give it decisions (an A/B split) to compare it with the champion";
    }
    if (challenger.get().id().equals(champion.id())) {
      return "the challenger is the champion itself: mark another prompt version as challenger";
    }
    if (!challengerTraded) {
      return "the challenger "
          + challenger.get().name()
          + " has no decisions in this period: give it decisions with an A/B split "
          + "(reasoning.ab_split) before judging it";
    }
    return championTraded
        ? "no verdict yet"
        : "the champion "
            + champion.name()
            + " has no decisions in this period: nothing to compare with";
  }
}
