package io.tai2.web;

import io.tai2.history.PromptVersion;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSettings;
import io.tai2.reasoning.PromptText;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.reasoning.ReasoningException;
import io.tai2.reasoning.TextLimits;
import io.tai2.settings.RuntimeSettingsService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * CFG: every runtime setting as a form, one section per group, each field labelled, explained, bounded and converted
 * for display as its {@link CfgCatalogue} entry says (a saved field without one still shows, under its JSON name). Saving sends only what changed to {@code PUT /api/settings} (validated as
 * a whole there); errors show next to their field. Helpers: a trading-pair picker and a USDT → contracts calculator
 * (from {@code /cfg/instruments}), the OKX keys form (write-only, sent once), and the prompt-version editor with clone,
 * save-as-new and a live preview of the unsaved draft. The page reads through its own paths; its writes call the API.
 */
@Controller
class CfgController {

  /** The groups in the order of the page. */
  static final List<CfgFields.Group> GROUPS =
      List.of(
          new CfgFields.Group(
              "guardrails",
              "Execution guardrails: leverage, position caps, daily-loss limit, cooldowns, protection, price drift"),
          new CfgFields.Group(
              "execution",
              "Execution: the live switch, margin mode, minimum sizes, isolated-margin auto-seed"),
          new CfgFields.Group(
              "market", "Market data: trading pairs, poller cadence, live WebSocket, fee window"),
          new CfgFields.Group("scheduler", "Scheduler: automatic prompt cycles"),
          new CfgFields.Group("ui", "Display: the time zone every page shows times in"),
          new CfgFields.Group(
              "reasoning",
              "Model and prompts: model, LLM timeout, daily budget, analysis timeframe, prompt versions, A/B split, shadow models"));

  private final RuntimeSettingsService settings;
  private final PromptVersions versions;
  private final ObjectProvider<MarketEngine> market;
  private final ObjectProvider<ReasoningEngine> reasoning;

  CfgController(
      RuntimeSettingsService settings,
      PromptVersions versions,
      ObjectProvider<MarketEngine> market,
      ObjectProvider<ReasoningEngine> reasoning) {
    this.settings = settings;
    this.versions = versions;
    this.market = market;
    this.reasoning = reasoning;
  }

  /** A stored prompt version in the editor's list. */
  record VersionOption(String id, String label, boolean active) {}

  @GetMapping("/cfg")
  String page(Model model) {
    model.addAttribute("page", Page.CFG);
    JsonNode all = settings.json();
    model.addAttribute("sections", CfgFields.sections(GROUPS, all, settings.defaultsJson()));
    model.addAttribute("okx", all.path("okx"));
    // the sub-account is checked where the market engine runs (as its API says with a 503
    // elsewhere): no section to fill here
    model.addAttribute("subAccountChecked", market.getIfAvailable() != null);
    PromptVersions.Chosen active = versions.active();
    UUID activeId = active.version() == null ? null : active.version().id();
    model.addAttribute(
        "versions",
        versions.list(100).stream()
            .map(
                v ->
                    new VersionOption(
                        v.id().toString(),
                        v.name()
                            + " · "
                            + Fmt.time(v.createdAt(), settings.current().ui().timeZone())
                            + (v.id().equals(activeId) ? " · active" : ""),
                        v.id().equals(activeId)))
            .toList());
    model.addAttribute(
        "symbols",
        Optional.ofNullable(market.getIfAvailable()).map(MarketEngine::symbols).orElse(List.of()));
    List<String> timeframes = new ArrayList<>(timeframes(market.getIfAvailable()));
    String saved = settings.current().reasoning().timeframe();
    if (!timeframes.contains(saved)) {
      timeframes.add(
          saved); // shown as it is saved; the server refuses it on the next save until the engine
      // computes it
    }
    model.addAttribute("timeframes", timeframes);
    return "cfg";
  }

  /** The timeframes the market engine computes (its defaults when it is off in this process): the ones a chart or a cycle can use. */
  static List<String> timeframes(MarketEngine engine) {
    return engine != null ? engine.timeframes() : MarketSettings.defaults().timeframes();
  }

  /** The pair picker's and the USDT → contracts helper's data. */
  @GetMapping("/cfg/instruments")
  @ResponseBody
  TradingPairs instruments() {
    return TradingPairs.of(market.getIfAvailable(), settings.current().market().tradingPairs());
  }

  /** One stored prompt version, for the editor (the shipped defaults when {@code id} is "defaults"). */
  @GetMapping("/cfg/versions/{id}")
  @ResponseBody
  ResponseEntity<PromptVersion> version(@PathVariable String id) {
    if (id.equals("defaults")) {
      PromptText d = PromptText.defaults();
      return ResponseEntity.ok(
          new PromptVersion(
              new UUID(0, 0),
              d.name(),
              d.system(),
              d.decision(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Instant.EPOCH));
    }
    try {
      return ResponseEntity.of(versions.find(UUID.fromString(id)));
    } catch (IllegalArgumentException e) {
      return ResponseEntity.notFound().build();
    }
  }

  /** The prompt the editor's unsaved texts would produce now for {@code symbol}. */
  @PostMapping("/cfg/prompt-preview")
  String promptPreview(
      Model model,
      @RequestParam String symbol,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String system,
      @RequestParam(defaultValue = "") String decision) {
    ReasoningEngine engine = reasoning.getIfAvailable();
    if (engine == null) {
      model.addAttribute(
          "previewError", "the preview needs the market engine, which is off in this process");
    } else {
      try {
        TextLimits.atMost("name", name, TextLimits.NAME_BYTES);
        TextLimits.atMost("system", system, TextLimits.PROMPT_BYTES);
        TextLimits.atMost("decision", decision, TextLimits.PROMPT_BYTES);
        model.addAttribute(
            "draft",
            engine.draft(
                symbol,
                new PromptText(
                    Optional.empty(), name.isBlank() ? "draft" : name, system, decision)));
      } catch (ReasoningException | IllegalArgumentException e) {
        model.addAttribute("previewError", e.getMessage());
      }
    }
    return "cfg :: preview";
  }
}
