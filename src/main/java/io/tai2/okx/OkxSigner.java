package io.tai2.okx;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OKX v5 request signing: {@code Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))}, where the
 * request path includes the query string exactly as sent and the body is the exact JSON text sent. Used by the client
 * to sign and by the simulator to verify, so both agree byte for byte.
 */
public final class OkxSigner {

  /** The {@code OK-ACCESS-TIMESTAMP} format: UTC, milliseconds, {@code Z}. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The fixed request path of the WebSocket login prehash. */
  public static final String WS_LOGIN_PATH = "/users/self/verify";

  private OkxSigner() {}

  /** The header value for an instant. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** The {@code OK-ACCESS-SIGN} value of a REST request. */
  public static String sign(
      String secret, String timestamp, String method, String requestPath, String body) {
    return hmac(secret, timestamp + method.toUpperCase(Locale.ROOT) + requestPath + body);
  }

  /** The {@code sign} of a WebSocket login; its timestamp is Unix seconds. */
  public static String signWebSocketLogin(String secret, String unixSeconds) {
    return hmac(secret, unixSeconds + "GET" + WS_LOGIN_PATH);
  }

  private static String hmac(String secret, String prehash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(prehash.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
