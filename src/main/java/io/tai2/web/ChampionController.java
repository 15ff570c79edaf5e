package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.StrictJson;
import io.tai2.evaluation.LeaderboardQuery;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Champion (the active prompt version) against challenger: the comparison, and promoting the challenger once it has won. */
@RestController
class ChampionController {

  static final List<String> PARAMETERS = List.of("source", "from", "to");

  /** How the password prompt names a promotion: the prompt every live cycle uses changes. */
  static final String PROMOTE = "promote the challenger: the live prompt changes";

  private final ChampionBoard board;
  private final RuntimeSettingsService settings;
  private final RiskyChanges riskyChanges;

  ChampionController(
      ChampionBoard board, RuntimeSettingsService settings, RiskyChanges riskyChanges) {
    this.board = board;
    this.settings = settings;
    this.riskyChanges = riskyChanges;
  }

  @Operation(
      summary =
          "Champion (reasoning.active_version) vs challenger (reasoning.challenger_version): both names, each one's "
              + "leaderboard row and the verdict on challenger − champion per closed trade (A = champion, B = challenger) with a plain summary; "
              + "from/to as the leaderboard (default the last 30 days), source=live|paper|shadow|all (default all)")
  @GetMapping("/api/evaluation/champion")
  ChampionBoard.View champion(
      HttpServletRequest request,
      @RequestParam(defaultValue = "all") String source,
      @RequestParam Optional<String> from,
      @RequestParam Optional<String> to) {
    LeaderboardQuery q =
        EvaluationController.query(
            request, PARAMETERS, "version", source, from, to, Optional.empty(), Optional.empty());
    return board.of(q.source(), q.from(), q.to());
  }

  /** The promote request: the challenger's id, and the operator's password typed again where a login exists. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record PromoteBody(UUID versionId, String password) {}

  @Operation(
      summary =
          "Promote the challenger: {\"version_id\" (must be the current challenger, else 409), \"password\" (with a login, "
              + "from a browser session: the operator password again, else 403 naming password)}; sets reasoning.active_version to it, clears "
              + "challenger_version and an ab_split that was the old champion against it; one audited settings change")
  @PostMapping(path = "/api/evaluation/promote", consumes = "application/json")
  ChampionBoard.View promote(
      @RequestBody String body, Authentication who, HttpServletRequest request) {
    PromoteBody promote = StrictJson.bind(StrictJson.parse(body), PromoteBody.class, "");
    if (promote.versionId() == null) {
      throw new InvalidFieldsException(
          "version_id", "version_id is required: the id of the challenger to promote");
    }
    ReasoningSettings now = settings.current().reasoning();
    var patch = notTheChallengerIs409(() -> Promotion.patch(now, promote.versionId()));
    settings.update(
        patch,
        actor(who),
        (before, after) -> {
          if (!before.reasoning().equals(now)) { // the patch was built for the settings read above
            throw new ConcurrentModificationException(
                "the reasoning settings changed while the promotion was checked; nothing was saved — reload and try again");
          }
          riskyChanges.check(
              List.of(PROMOTE), request, Optional.ofNullable(promote.password()), "password");
        });
    return board.lastDays();
  }

  /** Who the audit names: the operator, and that the change was a promotion. */
  static String actor(Authentication who) {
    return "promote by " + (who == null ? "operator" : who.getName());
  }

  private <T> T notTheChallengerIs409(Supplier<T> patch) {
    try {
      return patch.get();
    } catch (Promotion.NotTheChallenger e) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
      problem.setTitle("not the challenger");
      problem.setProperty("field", "version_id");
      Map<String, Object> challenger = new LinkedHashMap<>();
      e.challenger()
          .ifPresent(
              id -> {
                challenger.put("id", id.toString());
                challenger.put("name", board.nameOf(id));
              });
      problem.setProperty("challenger", challenger.isEmpty() ? null : challenger);
      throw new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
    }
  }
}
