package io.tai2.okx;

/**
 * OKX error codes tai2 handles, with the HTTP status OKX answers them with and how a client should react. The
 * simulator answers with the same codes and statuses.
 */
public enum OkxError {
  POST_BODY_EMPTY("50000", 400, "Body for POST request cannot be empty.", Handling.FINAL),
  SERVICE_UNAVAILABLE(
      "50001", 503, "Service temporarily unavailable. Please try again later.", Handling.RETRY),
  JSON_SYNTAX("50002", 400, "JSON syntax error", Handling.FINAL),
  ENDPOINT_TIMEOUT(
      "50004",
      400,
      "Endpoint request timeout (does not indicate success or failure of order).",
      Handling.UNKNOWN_OUTCOME),
  INVALID_CONTENT_TYPE(
      "50006", 400, "Invalid Content-Type, please use application/json format", Handling.FINAL),
  RATE_LIMITED("50011", 429, "Too Many Requests", Handling.RETRY),
  SYSTEM_BUSY("50013", 429, "Systems are busy. Please try again later.", Handling.RETRY),
  SYSTEM_ERROR("50026", 500, "System error. Try again later", Handling.RETRY),
  ENVIRONMENT_MISMATCH("50101", 401, "APIKey does not match current environment.", Handling.AUTH),
  TIMESTAMP_EXPIRED("50102", 401, "Timestamp request expired", Handling.RESYNC_CLOCK),
  KEY_HEADER_MISSING(
      "50103", 401, "Request header \"OK-ACCESS-KEY\" cannot be empty.", Handling.AUTH),
  PASSPHRASE_HEADER_MISSING(
      "50104", 401, "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty.", Handling.AUTH),
  PASSPHRASE_INCORRECT(
      "50105", 401, "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.", Handling.AUTH),
  SIGN_HEADER_MISSING(
      "50106", 401, "Request header \"OK-ACCESS-SIGN\" cannot be empty.", Handling.AUTH),
  TIMESTAMP_HEADER_MISSING(
      "50107", 401, "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty.", Handling.AUTH),
  INVALID_KEY("50111", 401, "Invalid OK-ACCESS-KEY.", Handling.AUTH),
  INVALID_TIMESTAMP("50112", 401, "Invalid OK-ACCESS-TIMESTAMP.", Handling.AUTH),
  INVALID_SIGN("50113", 401, "Invalid Sign", Handling.AUTH),
  NO_PERMISSION(
      "50120", 200, "API key doesn't have permission to use this function", Handling.AUTH),
  PARAMETER_ERROR("51000", 400, "Parameter error", Handling.FINAL),
  INSTRUMENT_NOT_FOUND("51001", 200, "Instrument ID or Spread ID doesn't exist.", Handling.FINAL);

  /** What a client does about an error (docs/spec/okx-openrouter-protocols.md §7 "class"). */
  public enum Handling {
    /** Retry with backoff (only where the request is safe to repeat). */
    RETRY,
    /** The order may or may not exist: look it up by client order id, never resend blindly. */
    UNKNOWN_OUTCOME,
    /** Credentials or environment are wrong: stop and tell the operator. */
    AUTH,
    /** The local clock is off: resync with {@code /api/v5/public/time}, then retry once. */
    RESYNC_CLOCK,
    /** A final business rejection. */
    FINAL
  }

  private final String code;
  private final int httpStatus;
  private final String message;
  private final Handling handling;

  OkxError(String code, int httpStatus, String message, Handling handling) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.message = message;
    this.handling = handling;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String message() {
    return message;
  }

  public Handling handling() {
    return handling;
  }

  /** The whole-request error body OKX sends: {@code {"code":"50113","msg":"Invalid Sign","data":[]}}. */
  public String body() {
    return "{\"code\":\""
        + code
        + "\",\"msg\":\""
        + message.replace("\"", "\\\"")
        + "\",\"data\":[]}";
  }
}
