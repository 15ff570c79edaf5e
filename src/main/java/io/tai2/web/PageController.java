package io.tai2.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Server-rendered operator pages; each shows an honest "not built yet" state until its capability lands. */
@Controller
class PageController {

  @GetMapping({"/", "/live", "/ta", "/engine", "/history", "/debug", "/cfg"})
  String page(HttpServletRequest request, Model model) {
    String path = request.getServletPath().equals("/live") ? "/" : request.getServletPath();
    Page page = Arrays.stream(Page.values()).filter(p -> p.path().equals(path)).findFirst().orElseThrow();
    model.addAttribute("page", page);
    return "placeholder";
  }

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
