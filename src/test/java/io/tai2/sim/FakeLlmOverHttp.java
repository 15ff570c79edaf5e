package io.tai2.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;

/** A fake LLM on its own loopback server at a fixed time, and a way to talk to it over real HTTP; one per test. */
abstract class FakeLlmOverHttp {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final String KEY = "sk-or-v1-test";

  final FakeLlm llm = new FakeLlm(Clock.fixed(NOW, ZoneOffset.UTC), KEY);
  final SimServer server = SimServer.llmOnly(llm, 0);
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
