package io.tai2.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One JSON POST with bounded waits, its outcome sorted into delivered / worth retrying / not: 2xx is delivered; a lost
 * connection, a timeout, 408, 429 and 5xx may pass on a later try; any other status will not. {@code name} is what the
 * failure says instead of the URL, which may hold a token.
 */
final class JsonPost {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Duration timeout;

  JsonPost(HttpClient http) {
    this(http, REQUEST_TIMEOUT);
  }

  /** With another wait for the whole answer (a long poll is held open by design). */
  JsonPost(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The response body of a 2xx answer. */
  String post(URI url, String json, String name) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new NotificationChannel.DeliveryFailure(
          name + ": no answer (" + e.getClass().getSimpleName() + ")", true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotificationChannel.DeliveryFailure(name + ": interrupted", false);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response.body();
    }
    boolean retryable = status == 408 || status == 429 || status >= 500;
    throw new NotificationChannel.DeliveryFailure(
        name + ": HTTP " + status + " " + brief(response.body()), retryable);
  }

  /** The start of an error body, on one line: enough to say why, never a page of HTML in the log. */
  private static String brief(String body) {
    String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
