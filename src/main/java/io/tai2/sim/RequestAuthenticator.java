package io.tai2.sim;

import io.tai2.okx.OkxError;
import io.tai2.okx.OkxSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a REST request the way OKX does, in OKX's order (docs/spec/okx-openrouter-protocols.md §12.2), and names the error OKX would answer with.
 * Public endpoints need no authentication; auth headers sent to them are ignored.
 */
public final class RequestAuthenticator {

  static final List<String> PRIVATE_PREFIXES =
      List.of("/api/v5/account/", "/api/v5/trade/", "/api/v5/asset/", "/api/v5/users/");
  static final Duration MAX_SKEW = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Clock clock;
  private final Map<String, SimAccount> accountsByKey;

  public RequestAuthenticator(Clock clock, Map<String, SimAccount> accountsByKey) {
    this.clock = clock;
    this.accountsByKey = Map.copyOf(accountsByKey);
  }

  /** The outcome of checking one request. */
  public sealed interface Result {}

  /** A public endpoint: no account involved. */
  public record Public() implements Result {}

  /** A private endpoint called with valid credentials. */
  public record Authenticated(SimAccount account) implements Result {}

  /** Refused with this OKX error. */
  public record Rejected(OkxError error) implements Result {}

  public Result check(RawRequest request) {
    if (PRIVATE_PREFIXES.stream().noneMatch(request.path()::startsWith)) {
      return new Public();
    }
    Optional<String> key = request.header("OK-ACCESS-KEY");
    Optional<String> sign = request.header("OK-ACCESS-SIGN");
    Optional<String> timestamp = request.header("OK-ACCESS-TIMESTAMP");
    Optional<String> passphrase = request.header("OK-ACCESS-PASSPHRASE");
    if (key.isEmpty()) {
      return new Rejected(OkxError.KEY_HEADER_MISSING);
    }
    if (sign.isEmpty()) {
      return new Rejected(OkxError.SIGN_HEADER_MISSING);
    }
    if (timestamp.isEmpty()) {
      return new Rejected(OkxError.TIMESTAMP_HEADER_MISSING);
    }
    if (passphrase.isEmpty()) {
      return new Rejected(OkxError.PASSPHRASE_HEADER_MISSING);
    }
    Instant sent;
    try {
      sent = Instant.from(OkxSigner.TIMESTAMP.parse(timestamp.get()));
    } catch (DateTimeParseException e) {
      return new Rejected(OkxError.INVALID_TIMESTAMP);
    }
    if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
      return new Rejected(OkxError.TIMESTAMP_EXPIRED);
    }
    SimAccount account = accountsByKey.get(key.get());
    if (account == null) {
      return new Rejected(OkxError.INVALID_KEY);
    }
    if (!constantTimeEquals(account.passphrase(), passphrase.get())) {
      return new Rejected(OkxError.PASSPHRASE_INCORRECT);
    }
    boolean demoHeader = request.header("x-simulated-trading").map("1"::equals).orElse(false);
    if (demoHeader != account.demo()) {
      return new Rejected(OkxError.ENVIRONMENT_MISMATCH);
    }
    String expected =
        OkxSigner.sign(
            account.secretKey(),
            timestamp.get(),
            request.method(),
            request.rawTarget(),
            request.rawBody());
    if (!constantTimeEquals(expected, sign.get())) {
      return new Rejected(OkxError.INVALID_SIGN);
    }
    return request.method().equals("POST")
        ? checkPost(request, account)
        : new Authenticated(account);
  }

  private static Result checkPost(RawRequest request, SimAccount account) {
    if (account.readOnly()) {
      return new Rejected(OkxError.NO_PERMISSION);
    }
    if (request.rawBody().isBlank()) {
      return new Rejected(OkxError.POST_BODY_EMPTY);
    }
    try {
      JSON.readTree(request.rawBody());
    } catch (JacksonException e) {
      return new Rejected(OkxError.JSON_SYNTAX);
    }
    boolean json =
        request
            .header("Content-Type")
            .map(ct -> ct.toLowerCase().startsWith("application/json"))
            .orElse(false);
    return json ? new Authenticated(account) : new Rejected(OkxError.INVALID_CONTENT_TYPE);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
