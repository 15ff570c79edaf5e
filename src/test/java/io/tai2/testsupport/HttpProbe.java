package io.tai2.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for tests: keeps cookies like a browser, never follows redirects by itself. */
public final class HttpProbe {
  /** Prices stay exact: decimals are read as BigDecimal. */
  public static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final Pattern CSRF_META =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient client;

  public HttpProbe(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * Waits (up to 30 s) until the service can build a prompt for {@code symbol} with the account in it — market data and
   * the OKX account have arrived — and returns that prompt preview ({@code GET /llm/prompt}). A 500 meanwhile fails.
   */
  public JsonNode awaitPromptReady(String symbol, String... headers) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get("/llm/prompt?symbol=" + symbol, headers);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 500) {
        throw new AssertionError(
            "while the market data loads the preview must say what is missing (503), not fail: "
                + last);
      }
      if (r.statusCode() == 200) {
        JsonNode body = JSON.readTree(r.body());
        if (body.path("context").path("account").has("equity_usd")) {
          return body;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the prompt preview never became ready; last answer: " + last);
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  public HttpResponse<String> postForm(String path, String form, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)),
        headers);
  }

  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return sendJson("POST", path, json, headers);
  }

  public HttpResponse<String> putJson(String path, String json, String... headers) {
    return sendJson("PUT", path, json, headers);
  }

  private HttpResponse<String> sendJson(
      String method, String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The CSRF token a page rendered (meta tag or hidden form field). */
  public static String csrfToken(String html) {
    Matcher m = CSRF_INPUT.matcher(html);
    if (m.find()) {
      return m.group(1);
    }
    m = CSRF_META.matcher(html);
    if (m.find()) {
      return m.group(1);
    }
    throw new AssertionError("no CSRF token in page");
  }

  public HttpClient client() {
    return client;
  }

  public String base() {
    return base;
  }
}
