package io.tai2.reasoning;

import java.time.Duration;
import java.util.Optional;

/**
 * One failed attempt, before deciding whether to try again: the kind, status, the endpoint's message with the key
 * scrubbed, the delay it asked for ({@code Retry-After}) and OpenRouter's {@code availability.code}, if any.
 */
record LlmFailure(
    LlmException.Kind kind,
    int status,
    String providerMessage,
    Optional<Duration> retryAfter,
    String availabilityCode,
    Throwable cause) {

  static LlmFailure of(LlmException.Kind kind, int status, String providerMessage) {
    return new LlmFailure(kind, status, providerMessage, Optional.empty(), "", null);
  }

  /** Carries a failed attempt out of a response reader to the retry loop; no stack trace, it never escapes. */
  static final class Raised extends Exception {
    private final transient LlmFailure failure;

    Raised(LlmFailure failure) {
      super(failure.kind().name(), null, false, false);
      this.failure = failure;
    }

    LlmFailure failure() {
      return failure;
    }
  }

  Raised raise() {
    return new Raised(this);
  }

  /** The exception for the operator, with what to do about it; {@code model} is empty for non-chat calls. */
  LlmException toException(LlmClientConfig config, String model, int attempts) {
    String endpoint = config.endpointName();
    String said = providerMessage.isBlank() ? "" : ": " + providerMessage;
    String status = this.status == 0 ? "" : " (HTTP " + this.status + said + ")";
    String tries = " over " + (attempts == 1 ? "1 attempt" : attempts + " attempts");
    String forModel = model.isEmpty() ? "" : " for model " + model;
    String message =
        switch (kind) {
          case AUTH ->
              endpoint
                  + " rejected the API key"
                  + status
                  + ": set OPENROUTER_API_KEY to a valid key";
          case CREDITS ->
              endpoint
                  + " credits exhausted"
                  + status
                  + ": add credits at https://openrouter.ai/credits, raise the key's limit, or pick a free model";
          case FORBIDDEN ->
              endpoint
                  + " refused the request"
                  + forModel
                  + status
                  + ": the prompt may have been flagged by moderation or the key lacks permission; change the prompt or the key";
          case MODEL_UNAVAILABLE ->
              model.isEmpty()
                  ? endpoint + " does not offer this" + status + ": check OPENROUTER_BASE_URL"
                  : availabilityCode.equals("constraint_filtered")
                      ? "no provider of model "
                          + model
                          + " on "
                          + endpoint
                          + " supports structured outputs"
                          + status
                          + ": pick a model that lists structured_outputs, or remove the response schema"
                      : "model "
                          + model
                          + " is not available on "
                          + endpoint
                          + status
                          + ": pick another model from the model list";
          case BAD_REQUEST ->
              endpoint
                  + " rejected the request"
                  + forModel
                  + status
                  + ": check the model's parameters and shorten the prompt if it is too large";
          case RATE_LIMITED ->
              endpoint
                  + " kept rate-limiting"
                  + forModel
                  + status
                  + tries
                  + ": wait, prompt less often, or use a paid model (free models allow 20 requests/min)";
          case TIMEOUT ->
              "no answer from "
                  + endpoint
                  + forModel
                  + " within "
                  + readable(config.timeout())
                  + status
                  + tries
                  + ": raise the LLM timeout or pick a faster model";
          case SERVER ->
              endpoint
                  + " or its provider failed"
                  + forModel
                  + status
                  + tries
                  + ": try again later or pick another model";
          case INVALID_RESPONSE ->
              endpoint
                  + " answered with something that is not an OpenAI-compatible reply"
                  + said
                  + tries
                  + ": check that OPENROUTER_BASE_URL points at an OpenAI-compatible /v1 endpoint";
          case EMPTY_REPLY ->
              "model "
                  + model
                  + " on "
                  + endpoint
                  + " returned empty content"
                  + tries
                  + ": try again later or pick another model";
          case NETWORK ->
              "cannot reach "
                  + config.baseUri()
                  + said
                  + tries
                  + ": check the network and OPENROUTER_BASE_URL";
          case NO_API_KEY ->
              "no API key for "
                  + endpoint
                  + ": set OPENROUTER_API_KEY, or point OPENROUTER_BASE_URL at a local OpenAI-compatible server";
        };
    return new LlmException(kind, this.status, providerMessage, message, attempts, cause);
  }

  private static String readable(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
