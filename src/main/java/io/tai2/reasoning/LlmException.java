package io.tai2.reasoning;

/**
 * An LLM call that failed for good (after any retries): what went wrong, the HTTP status ({@code 0} when there was no
 * answer), the endpoint's own message, and, as {@link #getMessage()}, what the operator should do. Never holds the
 * API key.
 */
public final class LlmException extends RuntimeException {

  /** What went wrong, in the operator's terms. */
  public enum Kind {
    /** 401: the key is missing, disabled or wrong. */
    AUTH,
    /** 402: the account or the key's limit is out of credits. */
    CREDITS,
    /** 403: moderation, guardrail or permission. */
    FORBIDDEN,
    /** 404, or 400 {@code model_not_found}: no endpoint serves this model (with these parameters). */
    MODEL_UNAVAILABLE,
    /** 400, 413, 422 and other 4xx: the request itself is wrong or too large. */
    BAD_REQUEST,
    /** 429 on every attempt. */
    RATE_LIMITED,
    /** No answer within the timeout (or 408 / 524) on every attempt. */
    TIMEOUT,
    /** 5xx, or a reply that reports an error, on every attempt. */
    SERVER,
    /** A 200 whose body is not a chat completion. */
    INVALID_RESPONSE,
    /** A 200 with empty content on every attempt. */
    EMPTY_REPLY,
    /** The endpoint could not be reached (connection refused or reset, DNS). */
    NETWORK,
    /** The endpoint needs a key and none is configured. */
    NO_API_KEY;

    /** Whether another attempt may succeed. */
    boolean retryable() {
      return switch (this) {
        case RATE_LIMITED, TIMEOUT, SERVER, INVALID_RESPONSE, EMPTY_REPLY, NETWORK -> true;
        default -> false;
      };
    }
  }

  private final Kind kind;
  private final int httpStatus;
  private final String providerMessage;
  private final int attempts;

  LlmException(
      Kind kind,
      int httpStatus,
      String providerMessage,
      String operatorMessage,
      int attempts,
      Throwable cause) {
    super(operatorMessage, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.providerMessage = providerMessage;
    this.attempts = attempts;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the last answer, or {@code 0} when there was none (timeout, network, no key). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The endpoint's own error message (empty when it sent none). */
  public String providerMessage() {
    return providerMessage;
  }

  /** How many requests were sent before giving up ({@code 0} when none was). */
  public int attempts() {
    return attempts;
  }
}
