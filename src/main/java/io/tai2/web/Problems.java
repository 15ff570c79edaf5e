package io.tai2.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem documents from filters and security handlers, which run before Spring MVC's error handling. */
final class Problems {

  private Problems() {}

  static void write(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    response.setStatus(status);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.MAPPER.writeValueAsString(body));
    response.getWriter().flush();
  }

  /** {@code value} as it may appear in a log line: printable ASCII without quotes, at most 100 characters. */
  static String loggable(String value) {
    if (value == null) {
      return "-";
    }
    String clean = value.replaceAll("[^\\x21-\\x7e]|\"", "?");
    return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
  }
}
