package io.tai2.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} asked for directly (not as the container's error dispatch) is a {@code 404}: Spring Boot's error page
 * would report the missing error as a 500. Error dispatches are not filtered and keep working.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class DirectErrorRequests extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/error")
        || path.startsWith("/error/")
        || path.startsWith("/error;")
        || path.startsWith("/error."));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setStatus(404);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"not found\",\"status\":404,\"detail\":\"no such resource\"}");
  }
}
