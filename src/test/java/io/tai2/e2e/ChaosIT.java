package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chaos against the packaged jar: while the scheduler runs and cycles are triggered every second or two, a seeded
 * loop injects faults through the simulator's control API — REST delays, dropped answers, 503, 429 and OKX error codes
 * on the order, algo, leverage, position, balance and lookup endpoints, WebSocket closes, mutes and book gaps, and LLM
 * failures. Then the faults are cleared and, once settled, the exchange and tai2's records must agree (see
 * {@link ExchangeAudit}) and every cycle's outcome, rejections included, must be in the decision log. A summary goes to
 * {@code target/e2e/chaos-summary.txt}. {@code -Dtai2.chaos.minutes=30 -Dtai2.chaos.seed=7} runs longer or otherwise.
 */
class ChaosIT {

  static final List<String> SYMBOLS =
      List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP", "XRP-USDT-SWAP");
  static final Duration RUN =
      Duration.ofSeconds(
          Math.round(Double.parseDouble(System.getProperty("tai2.chaos.minutes", "1.5")) * 60));
  static final long SEED = Long.getLong("tai2.chaos.seed", 42L);

  /** The executor keeps an order it cannot find UNKNOWN for 2 min, then the reconciler (every minute) closes it. */
  static final Duration UNKNOWN_GRACE = Duration.ofMinutes(2).plusSeconds(75);

  static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new Stack("chaos");
    stack.startSim(
        "--seed",
        Long.toString(SEED),
        "--speed",
        "10",
        "--llm-strategy",
        "alternate",
        "--llm-stop-pct",
        "1.5",
        "--llm-take-pct",
        "3");
    stack.startApp(SYMBOLS);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** One fault: a name for the summary and the control request that injects it. */
  record Fault(String kind, String path, String body) {}

  static final List<String> ORDER_PATHS =
      List.of(
          "/api/v5/trade/order",
          "/api/v5/trade/order-algo",
          "/api/v5/trade/cancel-algos",
          "/api/v5/account/set-leverage");
  static final List<String> READ_PATHS =
      List.of(
          "/api/v5/account/positions",
          "/api/v5/account/balance",
          "/api/v5/trade/order",
          "/api/v5/trade/orders-algo-pending");

  static Fault next(Random random) {
    int roll = random.nextInt(100);
    if (roll < 40) {
      // Half of them on the order endpoint itself: the faults that matter most for exactly-once
      // orders.
      String path =
          random.nextBoolean()
              ? "/api/v5/trade/order"
              : ORDER_PATHS.get(random.nextInt(ORDER_PATHS.size()));
      return rest(
          random,
          "POST",
          path,
          List.of("DELAY", "ACCEPT_THEN_DROP", "SERVICE_UNAVAILABLE", "RATE_LIMIT", "OKX_CODE"));
    }
    if (roll < 60) {
      String path = READ_PATHS.get(random.nextInt(READ_PATHS.size()));
      return rest(
          random, "GET", path, List.of("DELAY", "SERVICE_UNAVAILABLE", "RATE_LIMIT", "OKX_CODE"));
    }
    if (roll < 75) {
      String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
      return switch (random.nextInt(4)) {
        case 0 ->
            new Fault(
                "ws:close",
                "/__sim/ws",
                "{\"action\":\"close\",\"code\":"
                    + List.of(4004, 1011, 1012).get(random.nextInt(3))
                    + "}");
        case 1 ->
            new Fault(
                "ws:close-private",
                "/__sim/ws",
                "{\"action\":\"close\",\"code\":1011,\"service\":\"private\"}");
        case 2 ->
            new Fault(
                "ws:book_gap",
                "/__sim/ws",
                "{\"action\":\"book_gap\",\"instId\":\"" + symbol + "\"}");
        default ->
            new Fault(
                "ws:mute",
                "/__sim/ws",
                "{\"action\":\"mute\",\"service\":\""
                    + List.of("public", "private", "business").get(random.nextInt(3))
                    + "\"}");
      };
    }
    return switch (random.nextInt(7)) {
      case 0 ->
          new Fault(
              "llm:429",
              "/__sim/llm/faults",
              "{\"status\":429,\"times\":" + (1 + random.nextInt(2)) + ",\"retry_after\":1}");
      case 1 -> new Fault("llm:500", "/__sim/llm/faults", "{\"status\":500,\"times\":1}");
      case 2 ->
          new Fault(
              "llm:503",
              "/__sim/llm/faults",
              "{\"status\":503,\"times\":" + (1 + random.nextInt(3)) + "}");
      case 3 ->
          new Fault(
              "llm:delay",
              "/__sim/llm/faults",
              "{\"kind\":\"delay\",\"delay_ms\":" + (1000 + random.nextInt(5000)) + "}");
      case 4 -> new Fault("llm:empty", "/__sim/llm/faults", "{\"kind\":\"empty\",\"times\":1}");
      case 5 -> new Fault("llm:truncated", "/__sim/llm/faults", "{\"kind\":\"truncated\"}");
      default -> new Fault("llm:drop", "/__sim/llm/faults", "{\"kind\":\"drop\"}");
    };
  }

  static Fault rest(Random random, String method, String path, List<String> kinds) {
    String kind = kinds.get(random.nextInt(kinds.size()));
    String extra =
        switch (kind) {
          case "DELAY" ->
              ",\"delay_ms\":"
                  + (500 + random.nextInt(14_000)); // beyond the app's 10 s timeout at times
          case "OKX_CODE" -> {
            String[] code =
                List.of(
                        new String[] {"51008", "Order failed. Insufficient margin"},
                        new String[] {"50013", "System busy"},
                        new String[] {"51000", "Parameter error"},
                        new String[] {"50026", "System error"})
                    .get(random.nextInt(4));
            yield ",\"code\":\"" + code[0] + "\",\"message\":\"" + code[1] + "\"";
          }
          default -> "";
        };
    return new Fault(
        "rest:"
            + method
            + " "
            + path
            + ":"
            + kind
            + (kind.equals("OKX_CODE") ? extra.replaceAll(".*\"code\":\"(\\d+)\".*", "-$1") : ""),
        "/__sim/faults",
        "{\"method\":\""
            + method
            + "\",\"path\":\""
            + path
            + "\",\"kind\":\""
            + kind
            + "\",\"count\":"
            + (1 + random.nextInt(2))
            + extra
            + "}");
  }

  @Test
  void
      givenFaultsEverywhere_whenCyclesRunForMinutes_thenTheExchangeAndTheRecordsAgreeAndEveryOutcomeIsLogged()
          throws Exception {
    stack.awaitSnapshots(SYMBOLS, Duration.ofSeconds(90));
    stack.liveExecutionForTests(SYMBOLS.getFirst());
    stack.apiJson(
        "PUT", "/scheduler", "{\"enabled\":true,\"interval_seconds\":30,\"max_concurrent\":2}");
    Random random = new Random(SEED);
    Map<String, Integer> faults = new TreeMap<>();
    ConcurrentMap<String, AtomicLong> cycles = new ConcurrentHashMap<>();
    List<JsonNode> answered = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    Instant started = Instant.now();

    ExecutorService drivers = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 2; i++) {
      drivers.submit(
          () -> {
            while (running.get()) {
              String symbol = SYMBOLS.get(ThreadLocalRandom.current().nextInt(SYMBOLS.size()));
              try {
                HttpResponse<String> r = stack.api("POST", "/llm/execute?symbol=" + symbol, "");
                String kind =
                    r.statusCode() == 200
                        ? Stack.JSON
                            .readTree(r.body())
                            .path("execution")
                            .path("kind")
                            .asString("none")
                        : "";
                cycles
                    .computeIfAbsent(
                        r.statusCode() + (kind.isEmpty() ? "" : " " + kind), k -> new AtomicLong())
                    .incrementAndGet();
                if (r.statusCode() == 200) {
                  answered.add(Stack.JSON.readTree(r.body()));
                }
              } catch (RuntimeException e) {
                cycles
                    .computeIfAbsent(
                        "client error " + e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
              }
              sleep(500 + ThreadLocalRandom.current().nextInt(1500));
            }
            return null;
          });
    }
    try {
      while (Duration.between(started, Instant.now()).compareTo(RUN) < 0) {
        Fault fault = next(random);
        stack.control("POST", fault.path(), fault.body());
        faults.merge(fault.kind(), 1, Integer::sum);
        if (fault.kind().equals("ws:mute")) {
          sleep(2_000 + random.nextInt(6_000));
          stack.control("POST", "/__sim/ws", "{\"action\":\"unmute\"}");
        }
        sleep(1_000 + random.nextInt(2_000));
      }
    } finally {
      running.set(false);
      drivers.shutdown();
      assertThat(drivers.awaitTermination(3, TimeUnit.MINUTES))
          .as("the cycle drivers finish")
          .isTrue();
      stack.control("DELETE", "/__sim/faults", "");
      stack.control("POST", "/__sim/ws", "{\"action\":\"unmute\"}");
      stack.control("DELETE", "/__sim/llm", ""); // pending LLM faults; the strategy stays
      stack.apiJson("PUT", "/scheduler", "{\"enabled\":false}");
    }
    Instant cleared = Instant.now();
    Processes.await(
        "the scheduler's last tick ends",
        Duration.ofMinutes(2),
        stack.app,
        () -> !stack.apiJson("GET", "/scheduler", null).path("running").asBoolean(true));

    ExchangeAudit.Counts counts = settledAudit(Duration.ofSeconds(150));
    Duration settled = Duration.between(cleared, Instant.now());

    List<Map<String, Object>> decisions =
        stack.query("select id, outcome, rejection_reason, execution_status from decisions");
    Map<String, Map<String, Object>> byId = new HashMap<>();
    decisions.forEach(d -> byId.put(d.get("id").toString(), d));
    assertThat(answered)
        .as("every cycle answered is in the decision log with what became of it")
        .allSatisfy(
            c -> {
              Map<String, Object> row = byId.get(c.path("decision_id").asString());
              assertThat(row).as("decision %s", c.path("decision_id")).isNotNull();
              assertThat(row.get("outcome")).isEqualTo(c.path("status").asString());
              if (c.path("status").asString().equals("REJECTED")) {
                assertThat((String) row.get("rejection_reason"))
                    .as("the rejection says why")
                    .isNotBlank();
              }
              assertThat((String) row.get("execution_status"))
                  .as("what execution did: %s", c.path("execution"))
                  .isNotBlank();
              String kind = c.path("execution").path("kind").asString();
              assertThat((String) row.get("execution_status"))
                  .as("the logged status names the outcome")
                  .startsWith(kind.replace('_', ' '));
            });
    assertThat(decisions)
        .as("no decision without an execution status")
        .allSatisfy(d -> assertThat(d.get("execution_status")).as("%s", d).isNotNull());
    Map<String, Long> outcomes = new TreeMap<>();
    decisions.forEach(
        d ->
            outcomes.merge(
                d.get("outcome")
                    + " / "
                    + String.valueOf(d.get("execution_status")).replaceAll("[:(].*", "").strip(),
                1L,
                Long::sum));
    Map<String, Long> orderStatuses = new TreeMap<>();
    stack
        .query("select status, count(*) n from orders group by status")
        .forEach(r -> orderStatuses.put((String) r.get("status"), (Long) r.get("n")));
    long llmCalls = stack.count("select count(*) from decisions");

    int injected = faults.values().stream().mapToInt(Integer::intValue).sum();
    String summary =
        "chaos run: "
            + RUN.toSeconds()
            + " s, seed "
            + SEED
            + ", settled "
            + settled.toSeconds()
            + " s after the faults were cleared\n"
            + "faults injected: "
            + injected
            + "\n"
            + lines(faults)
            + "cycles triggered over HTTP by status/outcome:\n"
            + lines(new TreeMap<>(cycles))
            + "decisions logged (HTTP + scheduler): "
            + llmCalls
            + ", by outcome / execution:\n"
            + lines(outcomes)
            + "orders by status: "
            + orderStatuses
            + "\n"
            + "journal order requests by simulator answer status: "
            + ExchangeAudit.statuses(stack.journal())
            + "\n"
            + "audit: "
            + counts
            + "\n";
    Files.createDirectories(Processes.LOGS);
    Files.writeString(Processes.LOGS.resolve("chaos-summary.txt"), summary);
    System.out.println(summary);

    assertThat(injected)
        .as("faults were injected")
        .isGreaterThanOrEqualTo((int) (RUN.toSeconds() / 4));
    assertThat(faults.keySet())
        .as("every family of fault was injected")
        .anyMatch(k -> k.startsWith("rest:POST /api/v5/trade/order:"))
        .anyMatch(k -> k.startsWith("ws:"))
        .anyMatch(k -> k.startsWith("llm:"));
    assertThat(counts.filled()).as("orders still got through the chaos").isPositive();
    assertThat(answered.size())
        .as("cycles ran")
        .isGreaterThanOrEqualTo((int) (RUN.toSeconds() / 4));
  }

  /** The audit, retried while the reconciler settles what the faults left (it runs every minute). */
  static ExchangeAudit.Counts settledAudit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return ExchangeAudit.verify(stack, UNKNOWN_GRACE);
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(5_000);
      }
    }
  }

  static String lines(Map<String, ? extends Object> counts) {
    StringBuilder out = new StringBuilder();
    counts.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
    return out.toString();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
