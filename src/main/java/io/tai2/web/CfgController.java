package io.tai2.web;

import io.tai2.settings.RuntimeSettingsService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.JsonNode;

/**
 * CFG: every runtime setting as a form, one section per group, rendered from the saved settings themselves, so a new
 * setting appears without a template change. Saving sends only what changed to {@code PUT /api/settings} (validated as
 * a whole there); errors show next to their field. The OKX keys are not on this form (see README: write-only API).
 */
@Controller
class CfgController {

  /** A settings group on the page, with a line on what it holds. */
  record Group(String name, String title) {}

  /** The groups in the order of the page. */
  static final List<Group> GROUPS = List.of(
      new Group("guardrails", "Execution guardrails: leverage, position caps, daily-loss limit, cooldowns, protection, price drift"),
      new Group("execution", "Execution: the live switch, margin mode, minimum sizes, isolated-margin auto-seed"),
      new Group("market", "Market data: trading pairs, poller cadence, live WebSocket, fee window"),
      new Group("scheduler", "Scheduler: automatic prompt cycles"),
      new Group("reasoning", "Model and prompts: model, LLM timeout, schema override, active version, A/B split, retention, daily budget"));

  private final RuntimeSettingsService settings;

  CfgController(RuntimeSettingsService settings) {
    this.settings = settings;
  }

  /**
   * One input: {@code kind} bool, number, text or json (lists, maps and objects, edited as JSON); {@code value} as the
   * input shows it.
   */
  record Field(String group, String name, String kind, String value, boolean risky) {
    public String path() {
      return group + "." + name;
    }
  }

  record Section(String group, String title, List<Field> fields) {}

  @GetMapping("/cfg")
  String page(Model model) {
    model.addAttribute("page", Page.CFG);
    JsonNode all = settings.json();
    List<Section> sections = new ArrayList<>();
    for (Group g : GROUPS) {
      List<Field> fields = new ArrayList<>();
      all.path(g.name()).properties().forEach(e -> fields.add(field(g.name(), e.getKey(), e.getValue())));
      sections.add(new Section(g.name(), g.title(), fields));
    }
    model.addAttribute("sections", sections);
    model.addAttribute("okx", all.path("okx"));
    return "cfg";
  }

  private static Field field(String group, String name, JsonNode v) {
    boolean objectWhenSet = v.isNull() && name.equals("ab_split");
    String kind = v.isBoolean() ? "bool" : v.isNumber() ? "number" : (v.isTextual() || v.isNull()) && !objectWhenSet ? "text" : "json";
    String value = switch (kind) {
      case "bool" -> Boolean.toString(v.asBoolean());
      case "number" -> v.decimalValue().stripTrailingZeros().toPlainString();
      case "text" -> v.isNull() ? "" : v.asString();
      default -> v.toString();
    };
    boolean risky = (group.equals("execution") && name.equals("enabled")) || (group.equals("guardrails") && name.equals("max_leverage"))
        || (group.equals("scheduler") && name.equals("enabled"));
    return new Field(group, name, kind, value, risky);
  }
}
