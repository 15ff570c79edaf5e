package io.tai2.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The "Champion vs challenger" card that ENGINE and LAB both show (templates/champion.html): each arm's decisions, closed
 * trades, win rate and expectancy with its interval, the verdict in plain words, and the controls to mark a challenger
 * and promote it. Each page reloads it through its own path after a change.
 */
@Controller
class ChampionCard {

  static final String ENGINE = "/engine/champion";
  static final String LAB = "/lab/champion";

  private final ChampionBoard board;

  ChampionCard(ChampionBoard board) {
    this.board = board;
  }

  /** One arm's line on the card, formatted for reading. */
  record Line(
      String role,
      String id,
      String name,
      String decisions,
      String closedTrades,
      String winRate,
      String expectancy,
      String ci95) {

    static Line of(String role, ChampionBoard.Arm arm, EvaluationController.RowView row) {
      if (row == null) {
        return new Line(role, arm.id(), arm.name(), "0", "0", "–", "–", "–");
      }
      String ci =
          row.expectancyCi95() == null
              ? "–"
              : String.format(
                  Locale.ROOT,
                  "%.2f to %.2f",
                  row.expectancyCi95().get(0),
                  row.expectancyCi95().get(1));
      return new Line(
          role,
          arm.id(),
          arm.name(),
          String.valueOf(row.decisions()),
          String.valueOf(row.closedTrades()),
          row.winRate() == null ? "–" : String.format(Locale.ROOT, "%.1f %%", row.winRate() * 100),
          row.expectancyUsdt() == null
              ? "–"
              : row.expectancyUsdt().setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
          ci);
    }
  }

  /** The card's model: the view, its lines, and the versions a challenger can be chosen from. */
  record Card(ChampionBoard.View view, List<Line> lines, String period, String kind, String src) {}

  /** Adds {@code champion} and {@code challengerChoices} to a page's model; {@code src} is the path the page reloads the card from. */
  void addTo(Model model, String src) {
    ChampionBoard.View v = board.lastDays();
    List<Line> lines =
        v.challenger() == null
            ? List.of(Line.of("champion", v.champion(), v.championRow()))
            : List.of(
                Line.of("champion", v.champion(), v.championRow()),
                Line.of("challenger", v.challenger(), v.challengerRow()));
    // the leaderboard's period is whole UTC days whatever zone the page shows times in, so it is
    // named as such
    String period =
        LocalDate.ofInstant(v.from(), ZoneOffset.UTC)
            + " to "
            + LocalDate.ofInstant(v.to().minusSeconds(1), ZoneOffset.UTC)
            + " (UTC days), "
            + v.source()
            + " decisions";
    model.addAttribute(
        "champion",
        new Card(v, lines, period, v.comparison() == null ? "NONE" : v.comparison().kind(), src));
    model.addAttribute("challengerChoices", board.candidates());
  }

  @GetMapping({ENGINE, LAB})
  String card(Model model, HttpServletRequest request) {
    addTo(model, request.getRequestURI().equals(LAB) ? LAB : ENGINE);
    return "champion :: card";
  }
}
