package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.EnvSettings;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for load balancers and scripts; details (DB, Redis) are in {@code /actuator/health}. */
@RestController
class HealthController {

  private final EnvSettings settings;

  HealthController(EnvSettings settings) {
    this.settings = settings;
  }

  @Operation(summary = "Liveness: always ok while the process serves requests")
  @GetMapping("/health")
  Map<String, String> health() {
    return Map.of(
        "status", "ok",
        "ws_interval", Integer.toString(settings.wsUpdateIntervalSeconds()),
        "environment", settings.environmentLabel());
  }
}
