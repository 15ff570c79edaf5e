package io.tai2.okx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw signed calls to the simulator for endpoints tai2's own client does not make (batch orders, amend, history...): the
 * request is signed with {@link OkxSigner} exactly as OKX requires, the reply is returned whole.
 */
final class SignedSimCalls {

  /** An HTTP status and the parsed JSON envelope. */
  record Reply(int status, JsonNode json) {
    String code() {
      return json.path("code").asString();
    }

    JsonNode data() {
      return json.path("data");
    }

    JsonNode first() {
      return data().get(0);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;
  private final Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();

  SignedSimCalls(SimFixture sim) {
    this.port = sim.server.port();
    this.clock = SimFixture.IN_SYNC;
  }

  Reply get(String pathWithQuery) {
    return send("GET", pathWithQuery, "");
  }

  Reply post(String path, String body) {
    return send("POST", path, body);
  }

  /** A public request, unsigned. */
  Reply publicGet(String pathWithQuery) {
    return call(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathWithQuery))
            .GET()
            .build());
  }

  private Reply send(String method, String path, String body) {
    String ts = OkxSigner.timestamp(clock.instant());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("x-simulated-trading", "1")
            .header("OK-ACCESS-KEY", SimFixture.DEMO.apiKey())
            .header("OK-ACCESS-PASSPHRASE", SimFixture.DEMO.passphrase())
            .header("OK-ACCESS-TIMESTAMP", ts)
            .header(
                "OK-ACCESS-SIGN",
                OkxSigner.sign(SimFixture.DEMO.secretKey(), ts, method, path, body));
    return call(
        method.equals("GET")
            ? request.GET().build()
            : request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private Reply call(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
