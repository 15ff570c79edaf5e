package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.LlmReplyCacheRepository;
import io.tai2.reasoning.LlmReply;
import io.tai2.reasoning.LlmUsage;
import io.tai2.reasoning.PromptText;
import io.tai2.reasoning.ResponseSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The LLM decider in a backtest, with a stub standing in for the LLM and the reply cache on embedded H2: the live
 * prompt builder and parser decide, every reply is cached before use, a cache-only rerun asks nothing and decides the
 * same, a cache miss ends a cache-only run, and the spend limit stops a run.
 */
class LlmDeciderTest {

  private static final String MODEL = "test/model";
  private static final String SELL =
      """
      {"action":"SELL","confidence":0.8,"risk_score":0.4,"rationale":"Lower highs.","stop_loss":%s,"take_profit":%s,
       "position_size":null,"equity_pct":0.05,"timeframe_alignment":null,"notes":null,"tags":[]}""";
  private static final GuardrailSettings GUARDRAILS =
      GuardrailSettings.defaults(Duration.ofSeconds(60));

  static HikariDataSource ds;
  static LlmReplyCacheRepository cache;

  @BeforeAll
  static void database() {
    ds =
        HistoryDatabase.open(
            new DatabaseTarget(
                "jdbc:h2:mem:llm-"
                    + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.of("sa"),
                Optional.empty()));
    cache = new LlmReplyCacheRepository(JdbcClient.create(ds));
  }

  @AfterAll
  static void close() {
    ds.close();
  }

  /** Four hours of a slow sine around 3000 from {@code start}: decisions every hour. */
  private static SymbolHistory eth(Instant start) {
    int n = 240;
    SymbolHistory.Bars bars = new SymbolHistory.Bars(n);
    double p = 3000;
    for (int i = 0; i < n; i++) {
      double next = 3000 + 20 * Math.sin(i / 30.0);
      bars.add(
          start.plus(Duration.ofMinutes(i)).toEpochMilli(),
          p,
          Math.max(p, next) + 1,
          Math.min(p, next) - 1,
          next,
          5);
      p = next;
    }
    BacktestInstruments.Rules rules = BacktestInstruments.of("ETH-USDT-SWAP", 1000);
    return bars.of(
        "ETH-USDT-SWAP", rules.spec(), rules.contractSize(), new TreeMap<>(), rules.source());
  }

  /** A stub LLM: a SELL 1 % above / 2 % below the prompt's price, costing 0.01 USD a call. */
  private static LlmDecider.Llm stub(AtomicInteger calls) {
    return request -> {
      calls.incrementAndGet();
      String price = request.user().replaceAll("(?s).*\"last_price\"\\s*:\\s*([0-9.]+).*", "$1");
      BigDecimal last = new BigDecimal(price);
      String reply =
          SELL.formatted(
              last.multiply(new BigDecimal("1.01")).setScale(2, RoundingMode.HALF_UP),
              last.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.HALF_UP));
      return new LlmReply(
          reply,
          false,
          "stop",
          MODEL,
          Optional.empty(),
          Optional.empty(),
          new LlmUsage(
              OptionalLong.of(7000),
              OptionalLong.of(300),
              OptionalLong.of(7300),
              Optional.of(new BigDecimal("0.01"))),
          Duration.ZERO,
          1);
    };
  }

  private static BacktestReport run(
      SymbolHistory h, Optional<LlmDecider.Llm> llm, Optional<BigDecimal> limit) {
    BacktestRequest r =
        BacktestRequest.of(
                List.of(h.symbol()), "1H", llm.isPresent() ? "llm:" + MODEL : "cache:" + MODEL)
            .checked();
    LlmDecider decider =
        new LlmDecider(
            MODEL,
            PromptText.defaults(),
            ResponseSchema.json(),
            llm,
            cache,
            Optional.empty(),
            limit,
            Clock.systemUTC());
    return new Backtest(
            r,
            List.of(h),
            decider,
            GUARDRAILS,
            ExecutionSettings.defaults(),
            "1H",
            List.of("15m", "1H", "4H", "1D"))
        .run(BacktestProgress.NONE);
  }

  private static List<String> verdicts(BacktestReport report) {
    List<String> out = new ArrayList<>();
    report.decisions().forEach(d -> out.add(d.time() + " " + d.action() + " " + d.verdict()));
    return out;
  }

  @Test
  void givenAnLlmRun_whenItIsRerunFromTheCache_thenNothingIsAskedAndEveryDecisionIsTheSame() {
    SymbolHistory h = eth(Instant.parse("2026-02-01T00:00:00Z"));
    AtomicInteger calls = new AtomicInteger();

    BacktestReport live = run(h, Optional.of(stub(calls)), Optional.empty());
    BacktestReport cached = run(h, Optional.empty(), Optional.empty());

    assertThat(live.metrics().llmCalls()).isEqualTo(4).isEqualTo(calls.get());
    assertThat(live.metrics().llmCostUsd()).isEqualByComparingTo("0.04");
    assertThat(live.decisions())
        .allSatisfy(
            d -> assertThat(d.prompt()).isPresent().get().asString().contains("\"ETH-USDT-SWAP\""))
        .anySatisfy(d -> assertThat(d.verdict()).isEqualTo("approved"));
    assertThat(live.decisions().getFirst().reply())
        .hasValueSatisfying(r -> assertThat(r).contains("\"SELL\""));
    assertThat(cached.metrics().llmCalls()).isZero();
    assertThat(cached.metrics().cacheHits()).isEqualTo(4);
    assertThat(verdicts(cached)).isEqualTo(verdicts(live));
    assertThat(cached.trades()).isEqualTo(live.trades());
  }

  @Test
  void givenNoCachedReply_whenACacheOnlyRunNeedsOne_thenTheRunEndsNamingTheMiss() {
    SymbolHistory h = eth(Instant.parse("2026-03-01T00:00:00Z"));

    assertThatThrownBy(() -> run(h, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--decider cache: no cached reply of test/model for ETH-USDT-SWAP at 2026-03-01T01:00:00Z");
  }

  @Test
  void givenASpendLimit_whenTheRunReachesIt_thenItStopsBeforeTheNextCall() {
    SymbolHistory h = eth(Instant.parse("2026-04-01T00:00:00Z"));
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> run(h, Optional.of(stub(calls)), Optional.of(new BigDecimal("0.02"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reached its limit of 0.02 USD");
    assertThat(calls.get()).isEqualTo(2);
  }
}
