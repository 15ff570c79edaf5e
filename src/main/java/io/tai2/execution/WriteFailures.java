package io.tai2.execution;

import io.tai2.okx.OkxApiException;
import java.util.Set;

/** Reading OKX's errors on requests that change state: which ones leave the outcome open (docs/spec/okx-openrouter-protocols.md §7, class U). */
final class WriteFailures {
  private WriteFailures() {}

  /**
   * Codes after which OKX may still have acted: 50001 service unavailable, 50004 endpoint timeout, 50013 system busy,
   * 50026 system error, 51054 / 51149 order timed out, 51016 / 50071 client order id already exists (an order with this
   * id is there). 50011 (rate limited) is not among them: OKX refused the request before processing it.
   */
  private static final Set<String> OUTCOME_OPEN =
      Set.of("50001", "50004", "50013", "50026", "51054", "51149", "51016", "50071");

  /** Whether the request may have acted anyway (5xx, a timeout code, an unreadable answer): look it up, never resend. */
  static boolean mayHaveActed(OkxApiException e) {
    return e.httpStatus() >= 500
        || OUTCOME_OPEN.contains(e.effectiveCode())
        || e.code().equals("invalid-json");
  }

  /** OKX's own words for an error, without the transport prefix when OKX gave an item message. */
  static String reason(OkxApiException e) {
    return e.sMsg()
        .filter(s -> !s.isBlank())
        .map(s -> e.effectiveCode() + " " + s)
        .orElse(e.getMessage());
  }
}
