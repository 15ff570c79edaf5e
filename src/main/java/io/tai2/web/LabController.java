package io.tai2.web;

import io.tai2.history.BacktestRun;
import io.tai2.lab.BacktestJobs;
import io.tai2.reasoning.PromptVersions;
import io.tai2.settings.RuntimeSettingsService;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * LAB: start a backtest, watch its progress, compare runs (equity beside buy-and-hold, drawdown, metrics side by side)
 * and open the decision behind a trade, shown as ENGINE shows a live one. The page reads and writes through
 * {@code /api/backtests}; only the decision detail is rendered here.
 */
@Controller
class LabController {

  /** The cadences the form offers (the API takes any OKX bar size). */
  static final List<String> CADENCES = List.of("1m", "5m", "15m", "30m", "1H", "2H", "4H", "1D");

  private final BacktestJobs jobs;
  private final RuntimeSettingsService settings;
  private final PromptVersions versions;
  private final ChampionCard champion;

  LabController(
      BacktestJobs jobs,
      RuntimeSettingsService settings,
      PromptVersions versions,
      ChampionCard champion) {
    this.champion = champion;
    this.jobs = jobs;
    this.settings = settings;
    this.versions = versions;
  }

  @GetMapping("/lab")
  String page(Model model) {
    model.addAttribute("page", Page.LAB);
    model.addAttribute("symbols", settings.current().market().tradingPairs());
    model.addAttribute("cadences", CADENCES);
    model.addAttribute("versions", versions.list(50));
    model.addAttribute("model", settings.current().reasoning().model());
    model.addAttribute("engineReady", jobs.ready());
    model.addAttribute("queueLimit", BacktestJobs.QUEUE_LIMIT);
    champion.addTo(model, ChampionCard.LAB);
    return "lab";
  }

  /** The decision of a backtest (a trade's entry), in ENGINE's decision detail: prompt, reply, guardrail verdict and checks. */
  @GetMapping("/lab/decision")
  String decision(Model model, @RequestParam UUID run, @RequestParam UUID decision) {
    model.addAttribute("detail", find(run, decision).orElse(null));
    return "engine :: detail";
  }

  private Optional<EngineController.Detail> find(UUID run, UUID decision) {
    Optional<BacktestRun> stored = jobs.find(run);
    if (stored.isEmpty() || stored.get().status() != BacktestRun.Status.DONE) {
      return Optional.empty();
    }
    JsonNode report = Json.parse(jobs.report(run).orElse("{}"));
    String id = decision.toString();
    for (JsonNode d : report.path("decisions")) {
      if (id.equals(d.path("id").asString())) {
        ZoneId zone = settings.current().ui().timeZone();
        return Optional.of(detail(report.path("parameters"), d, trade(report, id, zone), zone));
      }
    }
    return Optional.empty();
  }

  private static String trade(JsonNode report, String decisionId, ZoneId zone) {
    for (JsonNode t : report.path("trades")) {
      if (decisionId.equals(t.path("entry_decision").asString())) {
        return t.path("side").asString()
            + " "
            + t.path("contracts").asString()
            + " ct at "
            + t.path("entry_price").asString()
            + ", out at "
            + t.path("exit_price").asString()
            + " ("
            + t.path("exit_reason").asString()
            + ") "
            + time(t.path("exit_time").asString(), zone)
            + ", net PnL "
            + t.path("pnl").asString()
            + " USDT";
      }
    }
    return "no trade";
  }

  private static EngineController.Detail detail(
      JsonNode parameters, JsonNode d, String execution, ZoneId zone) {
    JsonNode checks = d.path("checks");
    EngineController.Verdict verdict =
        EngineController.Verdict.of(
            checks.isObject() ? Optional.of(checks.toString()) : text(d, "checks"));
    String decider = parameters.path("decider").asString("–");
    String model = text(parameters, "model").orElse(decider);
    String decisionJson =
        "{\"action\":\""
            + d.path("action").asString()
            + "\",\"confidence\":"
            + d.path("confidence").asString("null")
            + ",\"reason\":"
            + Json.MAPPER.writeValueAsString(d.path("reason").asString(""))
            + "}";
    String verdictText =
        verdict.checks().isEmpty() && verdict.text().equals("–")
            ? d.path("verdict").asString("–") + text(d, "rule").map(r -> " by " + r).orElse("")
            : verdict.text();
    boolean refused = List.of("rejected", "blocked").contains(d.path("verdict").asString());
    return new EngineController.Detail(
        d.path("id").asString(),
        time(d.path("time").asString(), zone),
        d.path("symbol").asString(),
        model,
        text(parameters, "prompt_version").orElse("–"),
        "BACKTEST · " + d.path("verdict").asString("–"),
        refused ? d.path("reason").asString("") : "",
        decisionJson,
        text(d, "prompt").orElse("– (the " + decider + " decider asks no LLM)"),
        text(d, "reply").orElse("–"),
        verdictText,
        verdict.checks(),
        execution,
        "–",
        "–",
        "–",
        d.path("price").asString("–") + " at " + time(d.path("time").asString(), zone));
  }

  /** A report's ISO time in the display zone, labelled; as stored when it is not one. */
  private static String time(String time, ZoneId zone) {
    try {
      return Fmt.time(Instant.parse(time), zone);
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v.asString());
  }
}
