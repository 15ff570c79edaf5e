package io.tai2.okx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real OKX payloads captured by ccxt (test resources {@code okx-captured/}, MIT, see the README there): the ground truth
 * the client and the simulator are checked against, so a misreading of OKX's docs made on both sides cannot pass.
 */
final class Captures {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One captured reply: the endpoint ("GET /api/v5/…"), ccxt's description and OKX's raw envelope. */
  record Reply(String endpoint, String description, JsonNode envelope) {
    JsonNode data() {
      return envelope.path("data");
    }

    /** The envelope as OKX sent it, for a stub server to replay. */
    String body() {
      return JSON.writeValueAsString(envelope);
    }

    @Override
    public String toString() {
      return endpoint + " (" + description + ")";
    }
  }

  /** One captured request: verb, path, query parameters and the parsed JSON body (null for GET). */
  record Request(String http, String path, Map<String, String> query, JsonNode body) {
    String endpoint() {
      return http + " " + path;
    }
  }

  private Captures() {}

  /**
   * Every captured reply: the raw replies, plus the {@code public/instruments} (swaps) and {@code asset/currencies}
   * replies rebuilt from the raw entries ccxt keeps in its markets and currencies.
   */
  static List<Reply> replies() {
    List<Reply> replies =
        new ArrayList<>(
            lines("payloads.jsonl").stream()
                .map(
                    l ->
                        new Reply(
                            l.path("endpoint").asString(),
                            l.path("description").asString(),
                            l.path("httpResponse")))
                .toList());
    replies.add(
        new Reply(
            "GET /api/v5/public/instruments",
            "swaps of the captured markets",
            envelope(instruments("SWAP"))));
    replies.add(
        new Reply(
            "GET /api/v5/asset/currencies",
            "chains of the captured currencies",
            envelope(currencies())));
    return replies;
  }

  /** Raw {@code /api/v5/asset/currencies} entries (one per currency and chain) from the captured currencies. */
  static List<JsonNode> currencies() {
    return read("ccxt-static-currencies-okx.json")
        .valueStream()
        .flatMap(c -> c.path("networks").valueStream())
        .map(n -> n.path("info"))
        .collect(Collectors.toList());
  }

  private static JsonNode envelope(List<JsonNode> data) {
    ObjectNode envelope = JSON.createObjectNode().put("code", "0").put("msg", "");
    data.forEach(envelope.putArray("data")::add);
    return envelope;
  }

  /** The captured replies of one endpoint, e.g. {@code "GET /api/v5/account/positions"}. */
  static List<Reply> replies(String endpoint) {
    List<Reply> found = replies().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no captured reply for " + endpoint);
    }
    return found;
  }

  static List<Request> requests() {
    return lines("requests.jsonl").stream()
        .map(
            l -> {
              Map<String, String> query = new TreeMap<>();
              l.path("query")
                  .propertyStream()
                  .forEach(e -> query.put(e.getKey(), e.getValue().asString()));
              return new Request(
                  l.path("http").asString(), l.path("path").asString(), query, l.get("body"));
            })
        .toList();
  }

  /** The captured requests of one endpoint. */
  static List<Request> requests(String endpoint) {
    List<Request> found = requests().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no captured request for " + endpoint);
    }
    return found;
  }

  /** Raw {@code /api/v5/public/instruments} entries of one type (SPOT, SWAP, OPTION …) from the captured markets. */
  static List<JsonNode> instruments(String instType) {
    return read("ccxt-static-markets-okx.json")
        .valueStream()
        .map(m -> m.path("info"))
        .filter(i -> i.path("instType").asString().equals(instType))
        .collect(Collectors.toList());
  }

  private static List<JsonNode> lines(String name) {
    String text = text(name);
    return text.lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
  }

  private static JsonNode read(String name) {
    return JSON.readTree(text(name));
  }

  private static String text(String name) {
    try (InputStream in = Captures.class.getResourceAsStream("/okx-captured/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource okx-captured/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
