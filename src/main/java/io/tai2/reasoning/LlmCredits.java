package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * What the LLM endpoint says about money, for the credits card: the key's limit and usage ({@code /key}) and the
 * account's credits ({@code /credits}). Each part is asked on its own; a part that could not be read carries a short
 * note for the operator instead (never the provider's text, which may echo request details).
 */
public record LlmCredits(
    Optional<LlmKeyStatus> key,
    Optional<String> keyNote,
    Optional<Account> account,
    Optional<String> accountNote) {

  /** OpenRouter's {@code /credits}: credits bought and used over the account's life, in USD. */
  public record Account(BigDecimal totalCredits, BigDecimal totalUsage) {

    public BigDecimal remaining() {
      return totalCredits.subtract(totalUsage);
    }
  }

  /** The note for a part that failed: what the operator can do about it, from the kind of failure and its status. */
  static String note(String part, LlmException e) {
    return switch (e.kind()) {
      case NO_API_KEY -> "no API key (set OPENROUTER_API_KEY)";
      case AUTH -> "the API key was refused (401)";
      case FORBIDDEN ->
          part.equals("credits")
              ? "credits need a management key (OpenRouter: Settings → Management keys)"
              : "the key may not read its status (403)";
      case MODEL_UNAVAILABLE -> "this endpoint has no /" + part + " (not OpenRouter)";
      case TIMEOUT, NETWORK -> "the LLM endpoint cannot be reached now";
      case RATE_LIMITED -> "rate limited: try again in a minute";
      default ->
          "unavailable ("
              + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + (e.httpStatus() > 0 ? ", HTTP " + e.httpStatus() : "")
              + ")";
    };
  }
}
