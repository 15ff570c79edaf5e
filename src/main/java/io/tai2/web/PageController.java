package io.tai2.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Server-rendered operator pages; each shows an honest "not built yet" state until its capability lands. */
@Controller
class PageController {

  private final LivePanel live;
  private final DebugLog debug;

  PageController(LivePanel live, DebugLog debug) {
    this.live = live;
    this.debug = debug;
  }

  @GetMapping("/debug")
  String debug(Model model) {
    model.addAttribute("page", Page.DEBUG);
    model.addAttribute("entries", debug.recent());
    return "debug";
  }

  @GetMapping({"/", "/live"})
  String live(Model model) {
    model.addAttribute("page", Page.LIVE);
    model.addAttribute("live", live.view());
    return "live";
  }

  /** The LIVE page's cards alone, re-rendered when the live stream says something changed. */
  @GetMapping("/live/panel")
  String livePanel(Model model) {
    model.addAttribute("live", live.view());
    return "live :: panel";
  }

  @GetMapping("/ta")
  String page(HttpServletRequest request, Model model) {
    String path = request.getServletPath();
    Page page = Arrays.stream(Page.values()).filter(p -> p.path().equals(path)).findFirst().orElseThrow();
    model.addAttribute("page", page);
    return "placeholder";
  }

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
