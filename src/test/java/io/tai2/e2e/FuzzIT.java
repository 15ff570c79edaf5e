package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input against the packaged jar: malformed, mistyped, oversized and out-of-range bodies and parameters sent
 * to every write endpoint (and the read endpoints' parameters). No answer may be a 5xx, and a refused request (4xx)
 * must change nothing: the settings, their audit, the risk locks, the prompt versions and the reasoning settings are
 * compared before and after each one. Seeded, so a failure repeats; the status counts go to
 * {@code target/e2e/fuzz-summary.txt}.
 */
class FuzzIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "fuzz-token-0123456789";
  private static final String SYMBOL = "BTC-USDT-SWAP";
  private static final long SEED = Long.getLong("tai2.fuzz.seed", 16);

  /** Values no field of the settings accepts (booleans are added only for non-boolean fields; see {@link #valuesFor}). */
  private static final List<String> HOSTILE =
      List.of(
          "\"10\"",
          "\"true\"",
          "\"false\"",
          "\"\"",
          "\" \"",
          "2.9",
          "1e309",
          "-1e309",
          "1e-400",
          "99999999999999999999999999999",
          "-99999999999999999999",
          "\"NaN\"",
          "\"Infinity\"",
          "-0.5",
          "[]",
          "{}",
          "[1,2]",
          "{\"a\":1}",
          "\"../../etc/passwd\"",
          "\"<script>alert(1)</script>\"",
          "\"\\u0000\"",
          "\"" + "x".repeat(70_000) + "\"",
          "1.0e400",
          "-1e-9999",
          "[null]",
          "{\"\":null}");

  private final Random random = new Random(SEED);
  private final Map<String, Integer> statuses = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  /** Settings changes that were accepted (valid values among the hostile ones), listed in the summary for review. */
  private final List<String> accepted = new ArrayList<>();

  /** The settings as the app started, put back after an accepted change so each request meets the same state. */
  private String original;

  private int sent;

  @Test
  void hostileRequestsGetNoServerErrorAndChangeNothingWhenRefused() throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("fuzz")) {
      app.startSim();
      app.start(Map.of("TAI2_API_TOKEN", TOKEN, "TRADING_PAIRS", SYMBOL));
      Processes.await(
          "the instrument list and a snapshot",
          Duration.ofSeconds(60),
          app.app,
          () ->
              api(app, "GET", "/state/latest?symbol=" + SYMBOL, null, "application/json")
                      .statusCode()
                  == 200);
      // The risk monitor writes the daily-loss reference once the account's equity is known; wait
      // for that first write.
      Processes.await(
          "the daily-loss reference",
          Duration.ofSeconds(60),
          app.app,
          () ->
              api(app, "GET", "/execution/locks", null, "application/json")
                  .body()
                  .contains("daily_loss"));
      JsonNode settings =
          JSON.readTree(api(app, "GET", "/api/settings", null, "application/json").body());
      // okx and notify show where their secrets come from ("saved" …): read-only, never PUT back
      original =
          JSON.writeValueAsString(
              ((ObjectNode) settings.deepCopy()).without(List.of("okx", "notify")));
      String state = state(app);

      for (String path : leaves(settings)) {
        for (String value : valuesFor(path, settings)) {
          state = send(app, state, "PUT", "/api/settings", nest(path, value));
          String[] parts = path.split("\\.", 2);
          switch (parts[0]) {
            case "execution", "guardrails" ->
                state = send(app, state, "PUT", "/execution/settings", nest(path, value));
            case "scheduler" ->
                state = send(app, state, "PUT", "/scheduler", nest(parts[1], value));
            case "reasoning" ->
                state = send(app, state, "PUT", "/llm/settings", nest(parts[1], value));
            default -> {}
          }
        }
      }
      for (String group :
          List.of("market", "guardrails", "execution", "reasoning", "scheduler", "okx")) {
        state =
            send(app, state, "PUT", "/api/settings", "{\"" + group + "\":{\"no_such_field\":1}}");
        state =
            send(
                app,
                state,
                "PUT",
                "/api/settings",
                "{\"" + group + "\":" + pick(List.of("[]", "1", "\"x\"", "null", "true")) + "}");
      }
      state =
          send(app, state, "PUT", "/api/settings", "{\"guardrails\":{\"max_trade_per_hour\":5}}");
      state = send(app, state, "PUT", "/api/settings", "{\"no_such_group\":{}}");
      state =
          send(
              app,
              state,
              "PUT",
              "/api/settings",
              "{\"guardrails\":{\"max_leverage\":3,\"max_leverage\":200}}");
      for (String map :
          List.of(
              "guardrails.symbol_position_caps",
              "execution.min_contracts",
              "execution.isolated_seed.symbol_usdt",
              "execution.isolated_seed.symbol_pct")) {
        for (String key :
            List.of(
                "../../etc/passwd",
                "",
                " ",
                "NOPE-USDT-SWAP",
                "btc-usdt-swap<script>",
                "x".repeat(5000))) {
          state =
              send(
                  app,
                  state,
                  "PUT",
                  "/api/settings",
                  nest(map, "{" + JSON.writeValueAsString(key) + ":0.1}"));
        }
        state = send(app, state, "PUT", "/api/settings", nest(map, bigMap(600)));
      }
      for (String pairs :
          List.of(
              "[\"NOPE-USDT-SWAP\"]",
              "[1]",
              "[[]]",
              "[null]",
              "\"BTC-USDT-SWAP\"",
              "[\"" + "A".repeat(70_000) + "\"]",
              bigList(300))) {
        state =
            send(
                app,
                state,
                "PUT",
                "/api/settings",
                "{\"market\":{\"trading_pairs\":" + pairs + "}}");
      }

      List<String> bodyEndpoints =
          List.of(
              "PUT /api/settings",
              "PUT /execution/settings",
              "PUT /llm/settings",
              "PUT /scheduler",
              "POST /llm/versions",
              "POST /llm/chat",
              "POST /api/okx/sub-account/transfer");
      for (String endpoint : bodyEndpoints) {
        String[] mp = endpoint.split(" ");
        for (String body : malformedBodies()) {
          state = send(app, state, mp[0], mp[1], body);
        }
        state = sendTyped(app, state, mp[0], mp[1], "{}", "text/plain");
        state = sendTyped(app, state, mp[0], mp[1], "<a/>", "application/xml");
        state = sendTyped(app, state, mp[0], mp[1], null, "application/json");
      }

      String version = "{\"name\":\"fuzz\",\"system_prompt\":\"s\",\"decision_prompt\":\"d\"}";
      for (String field :
          List.of(
              "name",
              "system_prompt",
              "decision_prompt",
              "response_schema",
              "notes",
              "parent_id",
              "activate")) {
        for (String value : HOSTILE) {
          if (!field.equals("notes") || !value.startsWith("\"") || value.length() > 60_000) {
            state = send(app, state, "POST", "/llm/versions", withField(version, field, value));
          }
        }
        state =
            send(
                app,
                state,
                "POST",
                "/llm/versions",
                withField(version, field, "\"" + "p".repeat(70_000) + "\""));
      }
      state = send(app, state, "POST", "/llm/versions", withField(version, "surprise", "1"));

      String chat = "{\"symbol\":\"" + SYMBOL + "\",\"question\":\"why?\"}";
      for (String field : List.of("symbol", "question", "model")) {
        for (String value :
            List.of(
                "\"\"",
                "null",
                "1",
                "[]",
                "{}",
                "\"NOPE-USDT-SWAP\"",
                "\"" + "q".repeat(5_000) + "\"",
                "true")) {
          state = send(app, state, "POST", "/llm/chat", withField(chat, field, value));
        }
      }
      state = send(app, state, "POST", "/llm/chat", withField(chat, "surprise", "1"));

      String transfer = "{\"direction\":\"master_to_sub\",\"amount\":1,\"client_id\":\"fuzz1\"}";
      for (String field :
          List.of("direction", "amount", "master_account", "client_id", "password")) {
        for (String value : HOSTILE) {
          state =
              send(
                  app,
                  state,
                  "POST",
                  "/api/okx/sub-account/transfer",
                  withField(transfer, field, value));
        }
      }
      state =
          send(
              app,
              state,
              "POST",
              "/api/okx/sub-account/transfer",
              withField(transfer, "sub_acct", "\"tai2sub1\""));

      for (String v : hostileParams()) {
        String q = enc(v);
        state = send(app, state, "POST", "/llm/execute?symbol=" + q, null);
        state = send(app, state, "POST", "/llm/execute?symbol=" + SYMBOL + "&timeframe=" + q, null);
        state = send(app, state, "POST", "/llm/execute?symbol=" + SYMBOL + "&model=" + q, null);
        state =
            send(
                app,
                state,
                "POST",
                "/llm/execute?symbol=" + SYMBOL + "&prompt_version_id=" + q,
                null);
        state = send(app, state, "POST", "/llm/versions/" + q + "/activate", null);
        state = send(app, state, "POST", "/execution/kill?flatten=" + q, null);
        state = send(app, state, "POST", "/execution/feedback/clear?symbol=" + q, null);
        state = sendForm(app, state, "/engine/chat", "symbol=" + q + "&question=hi");
        state = sendForm(app, state, "/engine/chat", "symbol=" + SYMBOL + "&question=" + q);
        state = sendForm(app, state, "/cfg/prompt-preview", "symbol=" + q + "&system=s&decision=d");
        for (String read :
            List.of(
                "/trades?to=",
                "/trades?from=",
                "/trades/export.csv?to=",
                "/trades?page=",
                "/trades?size=",
                "/trades?sort=",
                "/trades/recent?limit=",
                "/state/series?symbol=" + SYMBOL + "&timeframe=",
                "/state/series?symbol=",
                "/state/latest?symbol=",
                "/llm/decisions?limit=",
                "/llm/decisions/",
                "/llm/prompt?symbol=",
                "/api/settings/audit?limit=",
                "/equity/history?limit=",
                "/llm/versions?limit=")) {
          state = send(app, state, "GET", read + q, null);
        }
      }
      state = send(app, state, "POST", "/execution/locks/daily-loss/reset", null);
      for (String endpoint :
          List.of("/api/settings", "/execution/settings", "/llm/settings", "/scheduler")) {
        state = send(app, state, "DELETE", endpoint, null);
        state = send(app, state, "PATCH", endpoint, "{}");
      }
      state = send(app, state, "GET", "/error", null);
      send(app, state, "POST", "/execution/kill/release", null);

      Files.writeString(
          Processes.LOGS.resolve("fuzz-summary.txt"),
          "requests="
              + sent
              + " seed="
              + SEED
              + " statuses="
              + statuses
              + "\n\nproblems:\n"
              + String.join("\n", problems)
              + "\n\naccepted settings changes:\n"
              + String.join("\n", accepted)
              + "\n");
      System.out.println("fuzz: " + sent + " requests, statuses " + statuses);
      assertThat(sent).as("hostile requests sent").isGreaterThanOrEqualTo(1000);
      assertThat(problems)
          .as("5xx answers or state changed by a refused request (seed %d)", SEED)
          .isEmpty();
    }
  }

  /** Sends one request; records its status; checks the 5xx and refused-changes-nothing rules; returns the state after. */
  private String send(EmbeddedApp app, String before, String method, String path, String json) {
    return record(
        app, before, method + " " + path, api(app, method, path, json, "application/json"), json);
  }

  private String sendTyped(
      EmbeddedApp app, String before, String method, String path, String body, String type) {
    return record(
        app,
        before,
        method + " " + path + " (" + type + ")",
        api(app, method, path, body, type),
        body);
  }

  private String sendForm(EmbeddedApp app, String before, String path, String form) {
    return record(
        app,
        before,
        "POST " + path + " (form)",
        api(app, "POST", path, form, "application/x-www-form-urlencoded"),
        form);
  }

  private String record(
      EmbeddedApp app, String before, String what, HttpResponse<String> r, String body) {
    sent++;
    statuses.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
    String shown =
        body == null
            ? ""
            : body.length() > 200 ? body.substring(0, 200) + "…(" + body.length() + ")" : body;
    if (r.statusCode() >= 500) {
      problems.add(r.statusCode() + " " + what + " " + shown + " → " + abbreviate(r.body()));
    }
    String after = state(app);
    if (r.statusCode() >= 400 && !after.equals(before)) {
      problems.add(
          "refused ("
              + r.statusCode()
              + ") but changed state: "
              + what
              + " "
              + shown
              + " — "
              + firstDifference(before, after));
    }
    boolean settingsWrite = what.startsWith("PUT ");
    if (r.statusCode() < 300 && settingsWrite && !after.equals(before)) {
      accepted.add(what + " " + shown);
      HttpResponse<String> restored =
          api(app, "PUT", "/api/settings", original, "application/json");
      assertThat(restored.statusCode())
          .as("restoring the settings after %s: %s", what, restored.body())
          .isEqualTo(200);
      after = state(app);
    }
    return after;
  }

  /** Where two states first differ, with a little context, for the report. */
  private static String firstDifference(String before, String after) {
    int i = 0;
    while (i < before.length() && i < after.length() && before.charAt(i) == after.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 80);
    return "before: …"
        + before.substring(from, Math.min(before.length(), i + 120))
        + "… after: …"
        + after.substring(from, Math.min(after.length(), i + 120))
        + "…";
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** What a refused request must not change. */
  private static String state(EmbeddedApp app) {
    StringBuilder out = new StringBuilder();
    for (String path :
        List.of(
            "/api/settings",
            "/api/settings/audit?limit=1000",
            "/execution/locks",
            "/llm/versions?limit=500",
            "/llm/settings")) {
      HttpResponse<String> r = api(app, "GET", path, null, "application/json");
      assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
      // The risk monitor re-stamps its lock rows on every equity check: that time is not a change.
      out.append(path)
          .append('=')
          .append(r.body().replaceAll("\"updated_at\":\"[^\"]*\"", ""))
          .append('\n');
    }
    return out.toString();
  }

  private static HttpResponse<String> api(
      EmbeddedApp app, String method, String path, String body, String type) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", type);
    }
    return app.send(b);
  }

  /** Every leaf field of the settings document as {@code group.field[.sub]}; maps and lists count as leaves. */
  private static List<String> leaves(JsonNode settings) {
    List<String> out = new ArrayList<>();
    walk(settings, "", out);
    return out;
  }

  private static void walk(JsonNode node, String prefix, List<String> out) {
    for (String name : node.propertyNames()) {
      JsonNode child = node.get(name);
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      boolean symbolMap = name.startsWith("symbol_") || name.equals("min_contracts");
      if (child.isObject() && !symbolMap) {
        walk(child, path, out);
      } else {
        out.add(path);
      }
    }
  }

  /** The hostile pool, and true/false only for a field that is not a boolean (for a boolean they would be valid changes). */
  private List<String> valuesFor(String path, JsonNode settings) {
    JsonNode current = settings.at("/" + path.replace('.', '/'));
    List<String> values = new ArrayList<>(HOSTILE);
    if (!current.isBoolean()) {
      values.add("true");
      values.add("false");
    }
    values.add("null");
    return values;
  }

  /** {@code {"a":{"b":value}}} for path {@code a.b}. */
  private static String nest(String path, String value) {
    String[] parts = path.split("\\.");
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      out.append("{\"").append(p).append("\":");
    }
    out.append(value);
    out.append("}".repeat(parts.length));
    return out.toString();
  }

  private static String withField(String object, String field, String value) {
    JsonNode doc = JSON.readTree(object);
    String without = JSON.writeValueAsString(((ObjectNode) doc).without(field));
    return without.substring(0, without.length() - 1)
        + (without.length() > 2 ? "," : "")
        + "\""
        + field
        + "\":"
        + value
        + "}";
  }

  private static String bigMap(int n) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append("\"SYN").append(i).append("-USDT-SWAP\":0.01");
    }
    return out.append('}').toString();
  }

  private static String bigList(int n) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append("\"SYN").append(i).append("-USDT-SWAP\"");
    }
    return out.append(']').toString();
  }

  private List<String> malformedBodies() {
    List<String> out =
        new ArrayList<>(
            List.of(
                "",
                "not json",
                "{",
                "{\"a\":",
                "[]",
                "null",
                "1",
                "\"x\"",
                "true",
                "{}}",
                "{\"a\":1}{",
                "\uFEFF{}",
                "{'a':1}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":01}",
                "{\"a\":1,}",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
                "\"" + "x".repeat(2_000_000) + "\""));
    for (int i = 0; i < 20; i++) {
      byte[] noise = new byte[1 + random.nextInt(200)];
      random.nextBytes(noise);
      out.add(new String(noise, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private static List<String> hostileParams() {
    return List.of(
        "",
        " ",
        "NOPE-USDT-SWAP",
        "../../etc/passwd",
        "<script>",
        "%00",
        "0",
        "-1",
        "1e309",
        "99999999999999999999",
        "+999999999-12-31",
        "-999999999-01-01",
        "2026-13-45",
        "maybe",
        "00000000-0000-0000-0000-000000000000",
        "x".repeat(10_000),
        "4H\r\nX-Injected: 1",
        "ñ",
        "null");
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
