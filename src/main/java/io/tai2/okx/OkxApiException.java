package io.tai2.okx;

import java.util.Arrays;
import java.util.Optional;

/**
 * OKX refused a request. Carries OKX's {@code code} and, for operations, the item's {@code sCode}/{@code sMsg}, plus a
 * message that tells the operator what to do.
 */
public class OkxApiException extends RuntimeException {
  private final String code;
  private final String msg;
  private final Optional<String> sCode;
  private final Optional<String> sMsg;
  private final int httpStatus;

  public OkxApiException(
      String path,
      int httpStatus,
      String code,
      String msg,
      Optional<String> sCode,
      Optional<String> sMsg) {
    super(describe(path, httpStatus, code, msg, sCode, sMsg));
    this.code = code;
    this.msg = msg;
    this.sCode = sCode;
    this.sMsg = sMsg;
    this.httpStatus = httpStatus;
  }

  /** OKX's top-level code ({@code "1"} when an operation failed item by item: then see {@link #sCode()}). */
  public String code() {
    return code;
  }

  public Optional<String> sCode() {
    return sCode;
  }

  public Optional<String> sMsg() {
    return sMsg;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The most specific code: the item's {@code sCode} when there is one, else {@code code}. */
  public String effectiveCode() {
    return sCode.orElse(code);
  }

  /** OKX's own words for {@link #effectiveCode()}: the item's {@code sMsg} when there is one, else {@code msg}. */
  public String okxMessage() {
    return sCode.isPresent() ? sMsg.orElse("") : msg;
  }

  /** The catalogued error, when tai2 knows this code. */
  public Optional<OkxError> error() {
    return Arrays.stream(OkxError.values())
        .filter(e -> e.code().equals(effectiveCode()))
        .findFirst();
  }

  private static String describe(
      String path,
      int status,
      String code,
      String msg,
      Optional<String> sCode,
      Optional<String> sMsg) {
    String what = sCode.map(s -> s + " " + sMsg.orElse("")).orElse(code + " " + msg).trim();
    String hint =
        switch (sCode.orElse(code)) {
          case "50101" ->
              ": the API key belongs to the other environment; check OKX_API_FLAG (1 = demo keys)";
          case "50102" -> ": this machine's clock is off by more than 30 s; sync it (NTP)";
          case "50103", "50104", "50105", "50106", "50107", "50111", "50113" ->
              ": check OKX_API_KEY, OKX_SECRET_KEY and OKX_PASSPHRASE";
          case "50011", "50013" -> ": OKX is rate limiting; tai2 backs off and retries where safe";
          default -> "";
        };
    return "OKX " + path + " failed (HTTP " + status + "): " + what + hint;
  }
}
