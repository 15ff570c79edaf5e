package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.EquityRepository;
import io.tai2.market.MarketEngine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The LIVE and DEBUG pages and their own data paths (the other pages have their own controllers). */
@Controller
class PageController {

  private final LivePanel live;
  private final PaperPanel paper;
  private final DebugLog debug;
  private final EquityRepository equity;

  private final LoginThrottle throttle;
  private final ObjectProvider<MarketEngine> market;
  private final SettingsDocument<DisplaySettings> display;

  PageController(
      LivePanel live,
      PaperPanel paper,
      DebugLog debug,
      EquityRepository equity,
      LoginThrottle throttle,
      ObjectProvider<MarketEngine> market,
      SettingsDocument<DisplaySettings> display) {
    this.throttle = throttle;
    this.display = display;
    this.market = market;
    this.live = live;
    this.paper = paper;
    this.debug = debug;
    this.equity = equity;
  }

  /** The equity chart's samples under the page's own access rule (the same data as {@code /equity/history}). */
  @GetMapping("/live/equity")
  @ResponseBody
  Map<String, Object> liveEquity() {
    return Map.of("items", equity.history(500));
  }

  /** A backend log line as DEBUG lists it: the time of day in the display zone, which the pane's heading names. */
  record LogLine(String at, String level, String logger, String message) {}

  @GetMapping("/debug")
  String debug(Model model) {
    model.addAttribute("page", Page.DEBUG);
    ZoneId zone = display.current().timeZone();
    model.addAttribute(
        "entries",
        debug.recent().stream()
            .map(e -> new LogLine(Fmt.bareClock(e.at(), zone), e.level(), e.logger(), e.message()))
            .toList());
    return "debug";
  }

  @GetMapping({"/", "/live"})
  String live(Model model) {
    model.addAttribute("page", Page.LIVE);
    model.addAttribute("live", live.view());
    model.addAttribute("paper", paper.live());
    model.addAttribute(
        "timeframes",
        CfgController.timeframes(market.getIfAvailable())); // the position chart's choices
    return "live";
  }

  /** The LIVE page's PAPER books alone (not the reset form, so what the operator types there survives the refresh). */
  @GetMapping("/live/paper")
  String livePaper(Model model) {
    model.addAttribute("paper", paper.live());
    return "live :: paper";
  }

  /** The LIVE page's cards alone, re-rendered when the live stream says something changed. */
  @GetMapping("/live/panel")
  String livePanel(Model model) {
    model.addAttribute("live", live.view());
    return "live :: panel";
  }

  /** The login form; while this client is locked out after failed logins, it says for how long. */
  @GetMapping("/login")
  String login(Model model, HttpServletRequest request) {
    throttle
        .refusal(request.getRemoteAddr())
        .ifPresent(
            wait -> model.addAttribute("throttledSeconds", LoginThrottle.retryAfterSeconds(wait)));
    return "login";
  }
}
