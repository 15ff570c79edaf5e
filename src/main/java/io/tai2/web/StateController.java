package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.state.StateStore;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The latest market state as the market engine stored it. */
@RestController
class StateController {

  private final StateStore store;

  StateController(StateStore store) {
    this.store = store;
  }

  @Operation(summary = "Latest market view (all tracked symbols), or one symbol's snapshot with ?symbol=")
  @GetMapping(value = "/state/latest", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> latest(@RequestParam Optional<String> symbol) {
    if (!store.isAvailable()) {
      throw new ServiceUnavailableException(
          "state store unavailable", "the " + store.kind() + " state store is not reachable; check REDIS_URL");
    }
    Optional<String> json =
        symbol.map(s -> store.snapshot(s.trim().toUpperCase(Locale.ROOT))).orElseGet(store::marketView);
    return json.map(ResponseEntity::ok)
        .orElseThrow(
            () ->
                new ServiceUnavailableException(
                    "snapshot unavailable",
                    symbol
                        .map(s -> "no market snapshot for " + s + " yet; is it a tracked symbol?")
                        .orElse("no market snapshot yet; the market engine has not published one")));
  }
}
