package io.tai2.okx;

import io.tai2.retry.Backoff;
import io.tai2.retry.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OKX v5 REST transport: signs private requests over the exact bytes it sends, adds the demo header, unwraps the
 * {@code {"code","msg","data"}} envelope into {@code data} or an {@link OkxApiException}. Reads are retried with
 * backoff on rate limits, 5xx and I/O errors; writes never are (an unanswered write is {@link
 * OkxOutcomeUnknownException}). A 50102 (clock skew) resyncs with {@code /api/v5/public/time} and retries once.
 */
public final class OkxRestClient {

  private static final Logger log = LoggerFactory.getLogger(OkxRestClient.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int MAX_READ_ATTEMPTS = 3;

  /** Read retries: 200–400 ms, then 400–800 ms (at most {@link #MAX_READ_ATTEMPTS} attempts in all). */
  static final Backoff READ_BACKOFF =
      Backoff.jittered(Duration.ofMillis(400), Duration.ofSeconds(2));

  private final OkxClientConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final AtomicLong clockOffsetMillis = new AtomicLong();
  private final RateLimits rateLimits;

  public OkxRestClient(OkxClientConfig config, HttpClient http, Clock clock) {
    this(config, http, clock, RateLimits.monotonic());
  }

  OkxRestClient(OkxClientConfig config, HttpClient http, Clock clock, RateLimits rateLimits) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.rateLimits = rateLimits;
  }

  /** A client with its own HTTP client and the system clock. */
  public static OkxRestClient create(OkxClientConfig config) {
    return new OkxRestClient(
        config,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.systemUTC());
  }

  /** GET an endpoint that needs no keys; returns {@code data}. */
  public JsonNode getPublic(String path, Map<String, String> params) {
    return read(path + query(params), false);
  }

  /** GET a private endpoint (signed); returns {@code data}. */
  public JsonNode getPrivate(String path, Map<String, String> params) {
    return read(path + query(params), true);
  }

  /** POST a private endpoint with a JSON body (a record, map or list); returns {@code data}. Never retried. */
  public JsonNode post(String path, Object body) {
    String json = JSON.writeValueAsString(body);
    try {
      return send("POST", path, json, true);
    } catch (OkxApiException e) {
      if (e.error().filter(err -> err == OkxError.TIMESTAMP_EXPIRED).isPresent()) {
        // Rejected before anything happened, so sending again after the resync is safe.
        resyncClock();
        return send("POST", path, json, true);
      }
      throw e;
    }
  }

  /** OKX's clock ({@code /api/v5/public/time}). */
  public Instant serverTime() {
    JsonNode data = getPublic("/api/v5/public/time", Map.of());
    return Instant.ofEpochMilli(Long.parseLong(data.get(0).get("ts").asString()));
  }

  /** This machine's time, as the signatures use it before the offset. */
  Instant now() {
    return clock.instant();
  }

  /** How far this machine's clock is behind OKX's, as last measured (0 until a resync). */
  public Duration clockOffset() {
    return Duration.ofMillis(clockOffsetMillis.get());
  }

  private JsonNode read(String pathAndQuery, boolean signed) {
    boolean resynced = false;
    for (int attempt = 1; ; attempt++) {
      try {
        return send("GET", pathAndQuery, "", signed);
      } catch (OkxApiException e) {
        Optional<OkxError> error = e.error();
        if (!resynced && error.filter(err -> err == OkxError.TIMESTAMP_EXPIRED).isPresent()) {
          resyncClock();
          resynced = true;
          attempt--;
          continue;
        }
        boolean retryable =
            e.httpStatus() >= 500
                || error.filter(err -> err.handling() == OkxError.Handling.RETRY).isPresent();
        if (!retryable || attempt >= MAX_READ_ATTEMPTS) {
          throw e;
        }
        backoff(pathAndQuery, attempt, e.getMessage());
      } catch (OkxOutcomeUnknownException e) {
        if (attempt >= MAX_READ_ATTEMPTS) {
          throw new OkxApiException(
              pathAndQuery,
              0,
              "network",
              e.getCause().toString(),
              Optional.empty(),
              Optional.empty());
        }
        backoff(pathAndQuery, attempt, e.getCause().toString());
      }
    }
  }

  private JsonNode send(String method, String pathAndQuery, String body, boolean signed) {
    waitForRateLimit(pathAndQuery, body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    if (config.demo()) {
      request.header("x-simulated-trading", "1");
    }
    if (signed) {
      OkxKeys keys =
          config
              .keys()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "OKX credentials are not configured; set OKX_API_KEY, OKX_SECRET_KEY and OKX_PASSPHRASE"));
      String timestamp = OkxSigner.timestamp(clock.instant().plusMillis(clockOffsetMillis.get()));
      request
          .header("OK-ACCESS-KEY", keys.apiKey())
          .header(
              "OK-ACCESS-SIGN",
              OkxSigner.sign(keys.secretKey(), timestamp, method, pathAndQuery, body))
          .header("OK-ACCESS-TIMESTAMP", timestamp)
          .header("OK-ACCESS-PASSPHRASE", keys.passphrase());
    }
    request.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OkxOutcomeUnknownException(pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OkxOutcomeUnknownException(pathAndQuery, e);
    }
    return unwrap(pathAndQuery, response);
  }

  private void waitForRateLimit(String pathAndQuery, String body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String instId = instIdOf(q < 0 ? "" : pathAndQuery.substring(q + 1), body);
    try {
      rateLimits.acquire(path, instId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the OKX rate limit of " + path, e);
    }
  }

  /** The instrument of a request, for per-instrument limits: from the query or a JSON body's first {@code instId}. */
  private static String instIdOf(String query, String body) {
    for (String pair : query.split("&")) {
      if (pair.startsWith("instId=")) {
        return pair.substring("instId=".length());
      }
    }
    int at = body.indexOf("\"instId\":\"");
    if (at < 0) {
      return "";
    }
    int start = at + "\"instId\":\"".length();
    int end = body.indexOf('"', start);
    return end < 0 ? "" : body.substring(start, end);
  }

  private static JsonNode unwrap(String path, HttpResponse<String> response) {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new OkxApiException(
          path,
          response.statusCode(),
          "invalid-json",
          abbreviate(response.body()),
          Optional.empty(),
          Optional.empty());
    }
    String code = envelope.path("code").asString("");
    JsonNode data = envelope.path("data");
    if (code.equals("0") && response.statusCode() == 200) {
      return data;
    }
    Optional<JsonNode> failedItem =
        data.isArray()
            ? data.valueStream().filter(i -> !i.path("sCode").asString("0").equals("0")).findFirst()
            : Optional.empty();
    throw new OkxApiException(
        path,
        response.statusCode(),
        code.isEmpty() ? "http-" + response.statusCode() : code,
        envelope.path("msg").asString(""),
        failedItem.map(i -> i.path("sCode").asString()),
        failedItem.map(i -> i.path("sMsg").asString()));
  }

  private void resyncClock() {
    Instant before = clock.instant();
    Instant server = serverTime();
    Instant after = clock.instant();
    // Assume the server stamped the middle of the round trip.
    Instant localMid = before.plus(Duration.between(before, after).dividedBy(2));
    clockOffsetMillis.set(Duration.between(localMid, server).toMillis());
    log.warn("event=okx_clock_resync offset_ms={}", clockOffsetMillis.get());
  }

  private static void backoff(String path, int attempt, String reason) {
    Duration sleep = READ_BACKOFF.delay(attempt);
    log.info(
        "event=okx_retry path={} attempt={} sleep_ms={} reason=\"{}\"",
        path,
        attempt,
        sleep.toMillis(),
        reason);
    try {
      Sleeper.REAL.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  /** {@code ?k=v&k=v} in insertion order, skipping empty values: the exact string that is sent and signed. */
  static String query(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach(
        (k, v) -> {
          if (v != null && !v.isEmpty()) {
            joiner.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return joiner.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
