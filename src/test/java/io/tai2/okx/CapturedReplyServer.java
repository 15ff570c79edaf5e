package io.tai2.okx;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loopback HTTP server that answers every request with one captured OKX reply and remembers the requests, so the
 * real client can be run against what OKX really sends and what it sends can be compared with real requests.
 */
final class CapturedReplyServer implements AutoCloseable {

  /** A request as it arrived: verb, path, query parameters in order, raw body. */
  record Seen(String method, String path, Map<String, String> query, String body) {}

  private final HttpServer server;
  private final List<Seen> seen = new ArrayList<>();
  private volatile String reply = "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}";

  CapturedReplyServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          URI uri = exchange.getRequestURI();
          synchronized (seen) {
            seen.add(
                new Seen(
                    exchange.getRequestMethod(), uri.getPath(), query(uri.getRawQuery()), body));
          }
          byte[] out = reply.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  /** Answers from now on with this envelope. */
  CapturedReplyServer replying(String envelope) {
    reply = envelope;
    return this;
  }

  CapturedReplyServer replying(Captures.Reply captured) {
    return replying(captured.body());
  }

  /** The last request received. */
  Seen last() {
    synchronized (seen) {
      return seen.getLast();
    }
  }

  /** A signed client (any keys: this server checks nothing) pointed here. */
  OkxRestClient client() {
    OkxClientConfig config =
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
            Optional.of(new OkxKeys("k", "s", "p")),
            true,
            Duration.ofSeconds(5));
    return new OkxRestClient(config, HttpClient.newHttpClient(), Clock.systemUTC());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
