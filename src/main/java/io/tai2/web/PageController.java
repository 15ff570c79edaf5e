package io.tai2.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Server-rendered operator pages; each shows an honest "not built yet" state until its capability lands. */
@Controller
class PageController {

  @GetMapping({"/", "/live"})
  String live(Model model) {
    return page(Page.LIVE, model);
  }

  @GetMapping("/ta")
  String ta(Model model) {
    return page(Page.TA, model);
  }

  @GetMapping("/engine")
  String engine(Model model) {
    return page(Page.ENGINE, model);
  }

  @GetMapping("/history")
  String history(Model model) {
    return page(Page.HISTORY, model);
  }

  @GetMapping("/debug")
  String debug(Model model) {
    return page(Page.DEBUG, model);
  }

  @GetMapping("/cfg")
  String cfg(Model model) {
    return page(Page.CFG, model);
  }

  @GetMapping("/login")
  String login() {
    return "login";
  }

  private static String page(Page page, Model model) {
    model.addAttribute("page", page);
    return "placeholder";
  }
}
