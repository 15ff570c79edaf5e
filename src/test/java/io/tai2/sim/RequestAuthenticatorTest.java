package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.OkxError;
import io.tai2.okx.OkxSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's authentication, in OKX's order of checks (docs/spec/okx-openrouter-protocols.md §12.2). */
class RequestAuthenticatorTest {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:00.123Z");
  static final SimAccount DEMO =
      new SimAccount("key-demo", "22582BD0CFF14C41EDBF1AB98506286D", "pass-1", true, false);
  static final SimAccount LIVE = new SimAccount("key-live", "live-secret", "pass-2", false, false);
  static final SimAccount READ_ONLY = new SimAccount("key-ro", "ro-secret", "pass-3", true, true);

  final RequestAuthenticator authenticator =
      new RequestAuthenticator(
          Clock.fixed(NOW, ZoneOffset.UTC),
          Map.of(DEMO.apiKey(), DEMO, LIVE.apiKey(), LIVE, READ_ONLY.apiKey(), READ_ONLY));

  static Map<String, String> signedHeaders(
      SimAccount account, Instant at, String method, String target, String body) {
    String ts = OkxSigner.timestamp(at);
    Map<String, String> h = new HashMap<>();
    h.put("OK-ACCESS-KEY", account.apiKey());
    h.put("OK-ACCESS-SIGN", OkxSigner.sign(account.secretKey(), ts, method, target, body));
    h.put("OK-ACCESS-TIMESTAMP", ts);
    h.put("OK-ACCESS-PASSPHRASE", account.passphrase());
    h.put("Content-Type", "application/json");
    if (account.demo()) {
      h.put("x-simulated-trading", "1");
    }
    return h;
  }

  RequestAuthenticator.Result check(
      String method, String target, Map<String, String> headers, String body) {
    return authenticator.check(new RawRequest(method, target, headers, body));
  }

  static RequestAuthenticator.Result rejected(OkxError error) {
    return new RequestAuthenticator.Rejected(error);
  }

  @Test
  void givenPublicEndpoint_whenCalledWithoutOrWithBadAuth_thenItIsPublic() {
    assertThat(check("GET", "/api/v5/public/time", Map.of(), ""))
        .isEqualTo(new RequestAuthenticator.Public());
    assertThat(
            check(
                "GET",
                "/api/v5/market/ticker?instId=BTC-USDT-SWAP",
                Map.of("OK-ACCESS-KEY", "junk"),
                ""))
        .isEqualTo(new RequestAuthenticator.Public());
  }

  @Test
  void givenCorrectlySignedRequests_whenChecked_thenTheAccountIsAuthenticated() {
    String get = "/api/v5/account/balance?ccy=USDT";
    String body = "{\"instId\": \"BTC-USDT-SWAP\", \"lever\": \"5\", \"mgnMode\": \"cross\"}";

    assertThat(check("GET", get, signedHeaders(DEMO, NOW, "GET", get, ""), ""))
        .isEqualTo(new RequestAuthenticator.Authenticated(DEMO));
    assertThat(
            check(
                "POST",
                "/api/v5/account/set-leverage",
                signedHeaders(
                    LIVE, NOW.minusSeconds(29), "POST", "/api/v5/account/set-leverage", body),
                body))
        .isEqualTo(new RequestAuthenticator.Authenticated(LIVE));
  }

  @Test
  void givenMissingHeaders_whenChecked_thenEachIsNamedInOkxOrder() {
    String target = "/api/v5/account/balance";
    Map<String, String> h = signedHeaders(DEMO, NOW, "GET", target, "");

    Map<String, String> noKey = new HashMap<>(h);
    noKey.remove("OK-ACCESS-KEY");
    noKey.remove("OK-ACCESS-SIGN");
    assertThat(check("GET", target, noKey, "")).isEqualTo(rejected(OkxError.KEY_HEADER_MISSING));
    Map<String, String> noSign = new HashMap<>(h);
    noSign.remove("OK-ACCESS-SIGN");
    noSign.remove("OK-ACCESS-TIMESTAMP");
    assertThat(check("GET", target, noSign, "")).isEqualTo(rejected(OkxError.SIGN_HEADER_MISSING));
    Map<String, String> noTs = new HashMap<>(h);
    noTs.remove("OK-ACCESS-TIMESTAMP");
    noTs.remove("OK-ACCESS-PASSPHRASE");
    assertThat(check("GET", target, noTs, ""))
        .isEqualTo(rejected(OkxError.TIMESTAMP_HEADER_MISSING));
    Map<String, String> noPass = new HashMap<>(h);
    noPass.put("OK-ACCESS-PASSPHRASE", " ");
    assertThat(check("GET", target, noPass, ""))
        .isEqualTo(rejected(OkxError.PASSPHRASE_HEADER_MISSING));
  }

  @Test
  void givenBadTimestamps_whenChecked_thenFormatIs50112AndSkewOver30sIs50102() {
    String target = "/api/v5/account/positions";
    Map<String, String> badFormat = signedHeaders(DEMO, NOW, "GET", target, "");
    badFormat.put("OK-ACCESS-TIMESTAMP", "1764064800");
    assertThat(check("GET", target, badFormat, "")).isEqualTo(rejected(OkxError.INVALID_TIMESTAMP));

    assertThat(
            check("GET", target, signedHeaders(DEMO, NOW.minusSeconds(31), "GET", target, ""), ""))
        .isEqualTo(rejected(OkxError.TIMESTAMP_EXPIRED));
    assertThat(
            check("GET", target, signedHeaders(DEMO, NOW.plusSeconds(31), "GET", target, ""), ""))
        .isEqualTo(rejected(OkxError.TIMESTAMP_EXPIRED));
  }

  @Test
  void givenWrongCredentials_whenChecked_thenKeyPassphraseAndEnvironmentAreRefused() {
    String target = "/api/v5/account/balance";
    SimAccount unknown = new SimAccount("nobody", "x", "y", true, false);
    assertThat(check("GET", target, signedHeaders(unknown, NOW, "GET", target, ""), ""))
        .isEqualTo(rejected(OkxError.INVALID_KEY));

    Map<String, String> wrongPass = signedHeaders(DEMO, NOW, "GET", target, "");
    wrongPass.put("OK-ACCESS-PASSPHRASE", "wrong");
    assertThat(check("GET", target, wrongPass, ""))
        .isEqualTo(rejected(OkxError.PASSPHRASE_INCORRECT));

    Map<String, String> demoKeyLiveCall = signedHeaders(DEMO, NOW, "GET", target, "");
    demoKeyLiveCall.remove("x-simulated-trading");
    assertThat(check("GET", target, demoKeyLiveCall, ""))
        .isEqualTo(rejected(OkxError.ENVIRONMENT_MISMATCH));
    Map<String, String> liveKeyDemoCall = signedHeaders(LIVE, NOW, "GET", target, "");
    liveKeyDemoCall.put("x-simulated-trading", "1");
    assertThat(check("GET", target, liveKeyDemoCall, ""))
        .isEqualTo(rejected(OkxError.ENVIRONMENT_MISMATCH));
  }

  @Test
  void givenWrongSecretOrAlteredBytes_whenChecked_thenInvalidSign() {
    String target = "/api/v5/account/set-leverage";
    String signedBody = "{\"instId\":\"BTC-USDT-SWAP\",\"lever\":\"5\",\"mgnMode\":\"cross\"}";
    SimAccount wrongSecret =
        new SimAccount(DEMO.apiKey(), "not-the-secret", DEMO.passphrase(), true, false);
    assertThat(
            check(
                "POST",
                target,
                signedHeaders(wrongSecret, NOW, "POST", target, signedBody),
                signedBody))
        .isEqualTo(rejected(OkxError.INVALID_SIGN));

    // Same JSON, re-serialised with spaces: the bytes differ from what was signed.
    String reserialised =
        "{\"instId\": \"BTC-USDT-SWAP\", \"lever\": \"5\", \"mgnMode\": \"cross\"}";
    assertThat(
            check(
                "POST", target, signedHeaders(DEMO, NOW, "POST", target, signedBody), reserialised))
        .isEqualTo(rejected(OkxError.INVALID_SIGN));

    // The query is part of what is signed.
    assertThat(
            check(
                "GET",
                "/api/v5/account/balance?ccy=BTC",
                signedHeaders(DEMO, NOW, "GET", "/api/v5/account/balance?ccy=USDT", ""),
                ""))
        .isEqualTo(rejected(OkxError.INVALID_SIGN));
  }

  @Test
  void givenPostProblems_whenChecked_thenPermissionBodyJsonAndContentTypeAreRefused() {
    String target = "/api/v5/trade/order";
    String body = "{\"instId\":\"BTC-USDT-SWAP\"}";
    assertThat(check("POST", target, signedHeaders(READ_ONLY, NOW, "POST", target, body), body))
        .isEqualTo(rejected(OkxError.NO_PERMISSION));
    assertThat(check("POST", target, signedHeaders(DEMO, NOW, "POST", target, ""), ""))
        .isEqualTo(rejected(OkxError.POST_BODY_EMPTY));
    assertThat(check("POST", target, signedHeaders(DEMO, NOW, "POST", target, "{oops"), "{oops"))
        .isEqualTo(rejected(OkxError.JSON_SYNTAX));
    Map<String, String> form = signedHeaders(DEMO, NOW, "POST", target, body);
    form.put("Content-Type", "application/x-www-form-urlencoded");
    assertThat(check("POST", target, form, body))
        .isEqualTo(rejected(OkxError.INVALID_CONTENT_TYPE));
  }

  @Test
  void givenErrors_whenRendered_thenTheyCarryOkxCodesAndStatuses() {
    assertThat(OkxError.INVALID_SIGN.httpStatus()).isEqualTo(401);
    assertThat(OkxError.INVALID_SIGN.body())
        .isEqualTo("{\"code\":\"50113\",\"msg\":\"Invalid Sign\",\"data\":[]}");
    assertThat(OkxError.RATE_LIMITED.httpStatus()).isEqualTo(429);
    assertThat(OkxError.TIMESTAMP_EXPIRED.handling()).isEqualTo(OkxError.Handling.RESYNC_CLOCK);
    assertThat(OkxError.KEY_HEADER_MISSING.body()).contains("\\\"OK-ACCESS-KEY\\\"");
  }
}
