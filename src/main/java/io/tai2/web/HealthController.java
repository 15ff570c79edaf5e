package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for load balancers and scripts; details (DB, Redis) are in {@code /actuator/health}. */
@RestController
class HealthController {

  private final SettingsDocument<MarketRuntimeSettings> market;
  private final SettingsDocument<OkxRuntimeSettings> okx;

  HealthController(
      SettingsDocument<MarketRuntimeSettings> market, SettingsDocument<OkxRuntimeSettings> okx) {
    this.market = market;
    this.okx = okx;
  }

  @Operation(summary = "Liveness: always ok while the process serves requests")
  @GetMapping("/health")
  Map<String, String> health() {
    return Map.of(
        "status", "ok",
        "ws_interval", Long.toString(market.current().pollInterval().toSeconds()),
        "environment", okx.current().environment());
  }
}
