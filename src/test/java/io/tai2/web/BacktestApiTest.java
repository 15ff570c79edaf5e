package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.lab.BacktestCancelledException;
import io.tai2.lab.BacktestProgress;
import io.tai2.lab.BacktestReport;
import io.tai2.lab.BacktestRequest;
import io.tai2.lab.BacktestRunner;
import io.tai2.lab.FakeBacktestRunner;
import io.tai2.testsupport.HttpProbe;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/** POST/GET /api/backtests and cancel over HTTP, with a runner the test lets through bar by bar. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "TAI2_API_TOKEN=lab-token",
      "DATABASE_URL=jdbc:h2:mem:backtest-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@Import(BacktestApiTest.Engine.class)
class BacktestApiTest {

  static final String[] AUTH = {"Authorization", "Bearer lab-token"};
  static final String BODY =
      """
      {"symbols":["btc-usdt-swap"],"from":"2026-11-01","to":"2026-11-03T00:00:00Z","every":"15m","decider":"fake:alternate",
       "stop_pct":1.5,"take_pct":3,"equity":5000,"funding":"history","settings":{"guardrails":{"max_leverage":3}}}""";

  /** Takes one permit per quarter of the run, so the test decides when a run moves on. */
  static final class GatedRunner implements BacktestRunner {
    final Semaphore permits = new Semaphore(0);
    final BlockingQueue<String> started = new LinkedBlockingQueue<>();

    @Override
    public BacktestReport run(BacktestRequest request, BacktestProgress progress) {
      started.add(request.decider());
      for (int i = 1; i <= 4; i++) {
        try {
          if (!permits.tryAcquire(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never let the run go on");
          }
        } catch (InterruptedException e) {
          throw new BacktestCancelledException("interrupted");
        }
        if (progress.cancelled()) {
          throw new BacktestCancelledException("cancelled");
        }
        progress.update(i * 250L, 1000);
      }
      return FakeBacktestRunner.report(request);
    }
  }

  @TestConfiguration
  static class Engine {
    @Bean
    @Primary // over the real engine, once the service has one
    GatedRunner gatedRunner() {
      return new GatedRunner();
    }
  }

  @LocalServerPort int port;
  @Autowired GatedRunner runner;
  HttpProbe http;

  @BeforeEach
  void setUp() {
    http = new HttpProbe(port);
    runner.permits.drainPermits();
    runner.started.clear();
  }

  JsonNode json(HttpResponse<String> r) {
    return HttpProbe.JSON.readTree(r.body());
  }

  JsonNode run(String id) {
    HttpResponse<String> r = http.get("/api/backtests/" + id, AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r);
  }

  String post(String body) {
    HttpResponse<String> r = http.postJson("/api/backtests", body, AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return json(r).path("id").asString();
  }

  void awaitStatus(String id, String status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!run(id).path("status").asString().equals(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "backtest " + id + " never became " + status + "; it is " + run(id));
      }
      Thread.sleep(20);
    }
  }

  @Test
  void givenAValidBody_whenPosted_then202WithLinksAndTheRunGoesFromQueuedToDoneWithItsReport()
      throws Exception {
    HttpResponse<String> posted = http.postJson("/api/backtests", BODY, AUTH);

    assertThat(posted.statusCode()).isEqualTo(202);
    JsonNode started = json(posted);
    String id = started.path("id").asString();
    assertThat(started.path("status").asString()).isEqualTo("queued");
    assertThat(started.path("links").path("self").asString()).isEqualTo("/api/backtests/" + id);
    assertThat(started.path("links").path("cancel").asString())
        .isEqualTo("/api/backtests/" + id + "/cancel");
    assertThat(posted.headers().firstValue("Location")).contains("/api/backtests/" + id);
    assertThat(runner.started.poll(20, TimeUnit.SECONDS)).isEqualTo("fake:alternate");

    runner.permits.release(2);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (run(id).path("done_bars").asLong() < 500 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    JsonNode halfway = run(id);
    assertThat(halfway.path("status").asString()).isEqualTo("running");
    assertThat(halfway.path("progress").asDouble()).isEqualTo(0.5);
    assertThat(halfway.path("total_bars").asLong()).isEqualTo(1000);
    assertThat(halfway.path("report").isNull()).as("no report before it is done").isTrue();

    runner.permits.release(2);
    awaitStatus(id, "done");
    JsonNode done = run(id);
    assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
    assertThat(done.path("request").path("symbols").get(0).asString())
        .as("normalised")
        .isEqualTo("BTC-USDT-SWAP");
    assertThat(done.path("request").path("from").asString()).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(done.path("request").path("funding").asString()).isEqualTo("history");
    assertThat(done.path("request").path("equity_pct").decimalValue())
        .as("a default filled in")
        .isEqualByComparingTo("0.05");
    assertThat(done.path("request").path("timeframe").asString())
        .as("the saved reasoning.timeframe, filled in")
        .isEqualTo("4H");
    assertThat(
            done.path("request").path("settings").path("guardrails").path("max_leverage").asInt())
        .isEqualTo(3);
    JsonNode report = done.path("report");
    assertThat(report.path("id").asString()).isEqualTo(id);
    assertThat(report.path("parameters").path("every").asString()).isEqualTo("15m");
    assertThat(report.path("parameters").path("equity").decimalValue())
        .isEqualByComparingTo("5000");
    assertThat(report.path("trades").size()).isEqualTo(4);
    assertThat(report.path("equity_curve").size())
        .isEqualTo(report.path("buy_and_hold").size())
        .isGreaterThan(2);
    assertThat(done.path("net_pnl").decimalValue())
        .isEqualByComparingTo(report.path("metrics").path("net_pnl").decimalValue());
    assertThat(done.path("trades").asInt()).isEqualTo(4);
  }

  @Test
  void givenSeveralRuns_whenListed_thenSummariesNewestFirstWithoutReports() throws Exception {
    String older =
        post("{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\"}");
    runner.permits.release(4);
    awaitStatus(older, "done");
    String newer =
        post(
            "{\"symbols\":[\"ETH-USDT-SWAP\"],\"every\":\"1H\",\"timeframe\":\"1D\",\"decider\":\"heuristic\"}");
    runner.permits.release(4);
    awaitStatus(newer, "done");

    JsonNode list = json(http.get("/api/backtests?limit=2", AUTH));

    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0).path("id").asString()).isEqualTo(newer);
    assertThat(list.get(1).path("id").asString()).isEqualTo(older);
    assertThat(list.get(0).path("decider").asString()).isEqualTo("heuristic");
    assertThat(list.get(0).path("symbols").get(0).asString()).isEqualTo("ETH-USDT-SWAP");
    assertThat(list.get(0).path("every").asString()).isEqualTo("1H");
    assertThat(list.get(0).path("request").path("timeframe").asString()).isEqualTo("1D");
    assertThat(list.get(0).path("trades").asInt()).isEqualTo(4);
    assertThat(list.get(0).has("report")).isFalse();
    assertThat(http.get("/api/backtests?limit=0", AUTH).statusCode()).isEqualTo(400);
  }

  @Test
  void givenBadBodies_whenPosted_then400NamingTheFieldAndNothingIsQueued() {
    record Bad(String body, String field, String says) {}
    List<Bad> bad =
        List.of(
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"colour\":1}",
                "colour",
                "not a known field"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"7m\",\"decider\":\"fake:long\"}",
                "every",
                "not an OKX bar size"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"timeframe\":\"5m\",\"decider\":\"fake:long\"}",
                "timeframe",
                "15m, 1H, 4H, 1D"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"oracle\"}",
                "decider",
                "fake:long"),
            new Bad("{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\"}", "decider", "is required"),
            new Bad(
                "{\"symbols\":[],\"every\":\"5m\",\"decider\":\"fake:long\"}",
                "symbols",
                "is required"),
            new Bad(
                "{\"symbols\":[\"BTC USDT\"],\"every\":\"5m\",\"decider\":\"fake:long\"}",
                "symbols.0",
                "instrument id"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"stop_pct\":\"1\"}",
                "stop_pct",
                "a number"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"stop_pct\":0}",
                "stop_pct",
                "more than 0"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"equity_pct\":5}",
                "equity_pct",
                "to 1"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"funding\":\"yes\"}",
                "funding",
                "\"off\" or \"history\""),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"from\":\"last week\"}",
                "from",
                "a time like"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"from\":\"2026-11-02\",\"to\":\"2026-11-01\"}",
                "to",
                "after from"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"prompt_version\":\"11111111-1111-4111-8111-111111111111\"}",
                "prompt_version",
                "no prompt version"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"settings\":{\"colours\":{}}}",
                "settings.colours",
                "not a settings group"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"settings\":[1]}",
                "settings",
                "partial settings"),
            new Bad(
                "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\",\"max_cost\":-1}",
                "max_cost",
                "0 or more"));
    int before = json(http.get("/api/backtests?limit=500", AUTH)).size();
    List<String> wrong = new ArrayList<>();
    for (Bad b : bad) {
      HttpResponse<String> r = http.postJson("/api/backtests", b.body(), AUTH);
      JsonNode problem = json(r);
      if (r.statusCode() != 400
          || !problem.path("field").asString().equals(b.field())
          || !problem.path("detail").asString().contains(b.says())
          || !r.headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json")) {
        wrong.add(b.field() + " → " + r.statusCode() + " " + r.body());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(json(http.get("/api/backtests?limit=500", AUTH)).size()).isEqualTo(before);
    assertThat(runner.started).isEmpty();
  }

  @Test
  void givenUnknownIds_whenReadOrCancelled_then404Problems() {
    String unknown = "/api/backtests/22222222-2222-4222-8222-222222222222";
    for (HttpResponse<String> r :
        List.of(http.get(unknown, AUTH), http.postJson(unknown + "/cancel", "", AUTH))) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(json(r).path("detail").asString())
          .contains("backtest 22222222-2222-4222-8222-222222222222 not found");
    }
    assertThat(http.get("/api/backtests/not-an-id", AUTH).statusCode()).isEqualTo(400);
  }

  @Test
  void givenARunningAndFiveQueuedRuns_whenAnotherIsPosted_then429AndCancellingEmptiesTheQueue()
      throws Exception {
    String body = "{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:short\"}";
    String running = post(body);
    assertThat(runner.started.poll(20, TimeUnit.SECONDS)).isEqualTo("fake:short");
    List<String> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(post(body));
    }

    HttpResponse<String> refused = http.postJson("/api/backtests", body, AUTH);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(refused).path("detail").asString()).contains("5 are queued");

    for (String id : queued) {
      HttpResponse<String> r = http.postJson("/api/backtests/" + id + "/cancel", "", AUTH);
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(json(r).path("status").asString()).isEqualTo("cancelled");
    }
    assertThat(
            json(http.postJson("/api/backtests/" + running + "/cancel", "", AUTH))
                .path("status")
                .asString())
        .isEqualTo("running");
    runner.permits.release(1);
    awaitStatus(running, "cancelled");
    assertThat(run(running).path("error").asString()).isEqualTo("cancelled by the operator");
    assertThat(run(running).path("report").isNull()).isTrue();
    HttpResponse<String> again = http.postJson("/api/backtests/" + running + "/cancel", "", AUTH);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(runner.started).as("the cancelled queued runs never ran").isEmpty();
  }

  @Test
  void givenNoToken_whenABacktestIsPostedOrListed_then401AndNothingIsQueued() {
    assertThat(http.postJson("/api/backtests", BODY).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/backtests").statusCode()).isEqualTo(401);
    assertThat(runner.started).isEmpty();
  }
}
