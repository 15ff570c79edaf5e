package io.tai2.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Carries {@link SimRestApi} over HTTP on loopback. Hands the API the raw request target and raw body, so signatures
 * are checked over exactly what the client sent. Port 0 picks a free port.
 */
public final class SimHttpServer implements AutoCloseable {

  static {
    // Headers and body go out as separate writes; without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK
    // hold every multi-packet answer for ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;

  public SimHttpServer(SimRestApi api, int port) {
    this(api, null, port);
  }

  /** With a market, the control API under {@code /__sim/} is served too. */
  public SimHttpServer(SimRestApi api, SimMarket market, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    server.createContext("/api/v5/", exchange -> serve(api, exchange));
    if (market != null) {
      SimControl control = new SimControl(api, market);
      server.createContext("/__sim/", exchange -> {
        try (exchange) {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          write(exchange, control.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
        }
      });
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(SimRestApi api, HttpExchange exchange) throws IOException {
    try (exchange) {
      String rawQuery = exchange.getRequestURI().getRawQuery();
      String target = exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      SimResponse response = api.handle(new RawRequest(exchange.getRequestMethod(), target, headers, body));
      if (response.drop()) {
        return; // processed, never answered: closing the exchange drops the connection
      }
      if (!response.delay().isZero()) {
        sleep(response.delay().toMillis());
      }
      write(exchange, response);
    }
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
