package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tai2.history.CandleRepository;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.LlmReplyCacheRepository;
import io.tai2.history.MinuteBar;
import io.tai2.history.PromptVersion;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.SchemaDialect;
import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.DecisionParser;
import io.tai2.reasoning.LlmReply;
import io.tai2.reasoning.LlmRequest;
import io.tai2.reasoning.LlmUsage;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.PromptText;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.reasoning.ResponseSchema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replay on an H2 decision log: two live cycles recorded with prompts the real builder made, hand-made minute bars after
 * them, and a stub LLM for the other version. Both sides are played under the fill model; a rerun is all cache.
 */
class ReplayTest {

  static final String BTC = ReplayFixtures.BTC;
  static final String LIVE_MODEL = "live/model";
  static final Instant T1 = Instant.parse("2026-11-25T12:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-25T13:00:00Z");
  static final BigDecimal FEE = new BigDecimal("0.0005");
  static final String SELL =
      """
      {"action":"SELL","confidence":0.6,"risk_score":0.4,"rationale":"Rejected at resistance.","stop_loss":60600,"take_profit":59000,
       "position_size":null,"equity_pct":null,"timeframe_alignment":null,"notes":null,"tags":[]}""";
  static final String BUY =
      """
      {"action":"BUY","confidence":0.7,"risk_score":0.3,"rationale":"Trend up.","stop_loss":58000,"take_profit":64000,
       "position_size":null,"equity_pct":null,"timeframe_alignment":null,"notes":null,"tags":[]}""";

  JdbcClient jdbc;
  DecisionRepository decisions;
  CandleRepository candles;
  LlmReplyCacheRepository cache;
  PromptVersions versions;
  ReasoningSettingsStore reasoning;
  PromptVersion liveVersion;
  PromptVersion otherVersion;
  final List<LlmRequest> asked = new ArrayList<>();
  final Map<UUID, Prompt> recorded = new HashMap<>();

  @BeforeEach
  void database() {
    DriverManagerDataSource ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:replay-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure()
        .dataSource(ds)
        .locations(SchemaDialect.H2.flywayLocations().toArray(String[]::new))
        .placeholders(SchemaDialect.H2.flywayPlaceholders())
        .load()
        .migrate();
    jdbc = JdbcClient.create(ds);
    decisions = new DecisionRepository(jdbc);
    candles = new CandleRepository(jdbc);
    cache = new LlmReplyCacheRepository(jdbc);
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    reasoning =
        new ReasoningSettingsStore(
            new SettingsRepository(jdbc, new TransactionTemplate(new JdbcTransactionManager(ds))),
            clock);
    versions = new PromptVersions(new PromptVersionRepository(jdbc), reasoning, clock);
    liveVersion =
        versions.save(
            "live",
            "You trade BTC.\n\nBe careful.",
            "Decide now.\n\nAnswer in JSON.",
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    otherVersion =
        versions.save(
            "bolder",
            "You trade BTC boldly.",
            "Decide now, boldly.",
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  /** Cycle 1 live BUY (take at 61200), cycle 2 live BUY; a third row whose prompt has no context is skipped. */
  void recordTwoCycles() {
    record(T1, "{\"action\":\"BUY\",\"confidence\":0.7,\"stop_loss\":59400,\"take_profit\":61200}");
    record(
        T2, "{\"action\":\"BUY\",\"confidence\":0.65,\"stop_loss\":58000,\"take_profit\":65000}");
    decisions.insert(
        new DecisionRecord(
            UUID.randomUUID(),
            T2.plusSeconds(60),
            BTC,
            Optional.of("4H"),
            Optional.of(LIVE_MODEL),
            Optional.empty(),
            Optional.of("x"),
            Optional.of("a prompt from before the context existed"),
            Optional.empty(),
            Optional.of("{\"action\":\"HOLD\"}"),
            "ACCEPTED",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    candles.upsert(
        BTC,
        List.of(
            bar(T1, 0, "60000", "60300", "59900", "60200"),
            bar(
                T1, 1, "60200", "61300", "60100",
                "61000"), // rising: its low first, then up through 60600 (a short's stop) and 61200
            bar(T1, 2, "61000", "61100", "60900", "61000"),
            bar(T2, 0, "61000", "61100", "60900", "61050"),
            bar(T2, 1, "61050", "61200", "61000", "61100")));
  }

  void record(Instant snapshotAt, String decisionJson) {
    Prompt p =
        ReplayFixtures.prompt(
            new PromptVersions.Chosen(liveVersion, "active").text(), LIVE_MODEL, snapshotAt);
    UUID id = UUID.randomUUID();
    recorded.put(id, p);
    decisions.insert(ReplayFixtures.accepted(id, p, LIVE_MODEL, decisionJson));
  }

  static MinuteBar bar(Instant start, int minute, String o, String h, String l, String c) {
    return ReplayFixtures.bar(start, minute, o, h, l, c);
  }

  /** The stub LLM: a SELL for the 12:00 cycle, a BUY for the 13:00 one. */
  LlmReply answer(LlmRequest request) {
    asked.add(request);
    String reply =
        request.user().contains("\"generated_at\":\"2026-11-25T12:00:05Z\"") ? SELL : BUY;
    return new LlmReply(
        reply,
        false,
        "stop",
        request.model(),
        Optional.empty(),
        Optional.empty(),
        new LlmUsage(
            OptionalLong.of(2000),
            OptionalLong.of(200),
            OptionalLong.of(2200),
            Optional.of(new BigDecimal("0.003"))),
        Duration.ofMillis(5),
        1);
  }

  ReplayRequest request(Optional<UUID> version, Optional<String> model, boolean cacheOnly) {
    return new ReplayRequest(
        T1.minusSeconds(3600),
        T2.plusSeconds(3600),
        Optional.of(BTC),
        version,
        model,
        cacheOnly,
        ReplayRequest.DEFAULT_HORIZON,
        ReplayRequest.DEFAULT_NOTIONAL,
        BigDecimal.ONE,
        FEE,
        Optional.empty());
  }

  Replay replay(ReplayRequest request, boolean withLlm) {
    LlmDeciders.Wiring wiring =
        new LlmDeciders.Wiring(
            Optional.empty(),
            cache,
            versions,
            reasoning.current(),
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    return new Replay(
        request,
        withLlm ? Optional.of(this::answer) : Optional.empty(),
        List::of,
        wiring,
        decisions,
        candles,
        DecisionParser.Rules.DEFAULT);
  }

  /** pnl of a round trip of 1000 USDT at {@code entry} closed at {@code exit}, both legs' fees at 0.05 %. */
  static double pnl(int direction, double entry, double exit) {
    double coin = 1000 / entry;
    return direction * coin * (exit - entry) - coin * entry * 0.0005 - coin * exit * 0.0005;
  }

  @Test
  void
      givenTwoRecordedCycles_whenReplayedWithAnotherVersion_thenEachSideIsPlayedOnTheBarsThatFollowed() {
    recordTwoCycles();

    ReplayReport report =
        replay(request(Optional.of(otherVersion.id()), Optional.empty(), false), true)
            .run(BacktestProgress.NONE);

    assertThat(report.cycles()).hasSize(2);
    ReplayReport.Cycle first = report.cycles().get(0);
    assertThat(first.live().action()).isEqualTo("BUY");
    assertThat(first.live().exitReason()).contains("take");
    assertThat(first.live().exitPrice().orElseThrow()).isEqualByComparingTo("61200");
    assertThat(first.live().pnl().orElseThrow().doubleValue())
        .isCloseTo(pnl(1, 60000, 61200), within(1e-9));
    assertThat(first.live().note()).contains("approved");
    assertThat(first.replayed().action()).isEqualTo("SELL");
    assertThat(first.replayed().exitReason()).contains("stop");
    assertThat(first.replayed().exitPrice().orElseThrow()).isEqualByComparingTo("60600");
    assertThat(first.replayed().pnl().orElseThrow().doubleValue())
        .isCloseTo(pnl(-1, 60000, 60600), within(1e-9));
    assertThat(first.agree()).isFalse();

    ReplayReport.Cycle second = report.cycles().get(1);
    assertThat(second.agree()).isTrue();
    assertThat(second.live().exitReason())
        .contains("end"); // the candles end before the horizon: closed at the last close
    assertThat(second.replayed().pnl().orElseThrow().doubleValue())
        .isCloseTo(pnl(1, 61000, 61100), within(1e-9));
    assertThat(second.replayed().model()).isEqualTo(LIVE_MODEL);
    assertThat(second.replayed().promptVersion()).contains(otherVersion.id());

    ReplayReport.Summary s = report.summary();
    assertThat(s.cycles()).isEqualTo(2);
    assertThat(s.skipped()).containsExactly(Map.entry("no_context", 1));
    assertThat(s.agreementRate()).isEqualTo(0.5);
    assertThat(s.live().totalPnl().doubleValue())
        .isCloseTo(pnl(1, 60000, 61200) + pnl(1, 61000, 61100), within(1e-9));
    assertThat(s.replayed().totalPnl().doubleValue())
        .isCloseTo(pnl(-1, 60000, 60600) + pnl(1, 61000, 61100), within(1e-9));
    assertThat(s.live().wins()).isEqualTo(2);
    assertThat(s.replayed().trades()).isEqualTo(2);
    assertThat(s.replayed().winRate()).isEqualTo(0.5);
    assertThat(s.llmCalls()).isEqualTo(2);
    assertThat(s.cacheHits()).isZero();
    assertThat(s.llmCostUsd()).isEqualByComparingTo("0.006");
    // the other version's texts around the recorded context, which names the version it was sent
    // with
    assertThat(asked.getFirst().system()).isEqualTo("You trade BTC boldly.");
    assertThat(asked.getFirst().user())
        .startsWith("Decide now, boldly.\n\nContext JSON:\n```json\n{")
        .contains("\"prompt_version\":{\"id\":\"" + otherVersion.id() + "\",\"name\":\"bolder\"}");
  }

  @Test
  void givenAReplayRanOnce_whenRunAgain_thenEveryReplyComesFromTheCache() {
    recordTwoCycles();
    ReplayReport firstRun =
        replay(request(Optional.of(otherVersion.id()), Optional.empty(), false), true)
            .run(BacktestProgress.NONE);
    asked.clear();

    ReplayReport again =
        replay(request(Optional.of(otherVersion.id()), Optional.empty(), true), false)
            .run(BacktestProgress.NONE);

    assertThat(asked).isEmpty();
    assertThat(again.summary().llmCalls()).isZero();
    assertThat(again.summary().cacheHits()).isEqualTo(2);
    assertThat(again.cycles()).allSatisfy(c -> assertThat(c.replayed().cached()).isTrue());
    assertThat(again.summary().replayed().totalPnl())
        .isEqualByComparingTo(firstRun.summary().replayed().totalPnl());
  }

  @Test
  void givenTheRecordedVersion_whenReplayed_thenThePromptIsTheRecordedOneToTheByte() {
    recordTwoCycles();

    ReplayReport report =
        replay(request(Optional.of(liveVersion.id()), Optional.empty(), false), true)
            .run(BacktestProgress.NONE);

    assertThat(report.cycles())
        .allSatisfy(c -> assertThat(c.replayed().promptHash()).isEqualTo(c.live().promptHash()));
  }

  @Test
  void givenAnotherModel_whenReplayed_thenItIsAskedTheRecordedMessagesExactly() {
    recordTwoCycles();

    ReplayReport report =
        replay(request(Optional.empty(), Optional.of("other/model"), false), true)
            .run(BacktestProgress.NONE);

    assertThat(report.cycles()).hasSize(2);
    Prompt live = recorded.get(report.cycles().getFirst().decisionId());
    assertThat(asked.getFirst().model()).isEqualTo("other/model");
    assertThat(asked.getFirst().system()).isEqualTo(live.system());
    assertThat(asked.getFirst().user()).isEqualTo(live.user());
    assertThat(report.cycles().getFirst().replayed().promptHash())
        .contains(
            PromptBuilder.hash("other/model", live.system(), live.user(), ResponseSchema.json()));
  }

  @Test
  void
      givenACycleWhoseVersionIsUnknown_whenAskedOfAnotherModel_thenTheTextsAreTheCutWhoseHashIsTheRecordedOne() {
    PromptText unsaved =
        new PromptText(Optional.empty(), "draft", "Sys one.\n\nSys two.", "Dec one.\n\nDec two.");
    Prompt p = ReplayFixtures.prompt(unsaved, LIVE_MODEL, T1);
    decisions.insert(
        ReplayFixtures.accepted(UUID.randomUUID(), p, LIVE_MODEL, "{\"action\":\"HOLD\"}"));

    ReplayReport report =
        replay(request(Optional.empty(), Optional.of("other/model"), false), true)
            .run(BacktestProgress.NONE);

    assertThat(report.cycles()).hasSize(1);
    assertThat(asked.getFirst().system()).isEqualTo("Sys one.\n\nSys two.");
    assertThat(asked.getFirst().user()).isEqualTo(p.user());
  }

  @Test
  void givenNoCandlesAfterACycle_whenReplayed_thenItsEntriesHaveNoPricesAndNoPnl() {
    record(T1, "{\"action\":\"BUY\",\"confidence\":0.7,\"stop_loss\":59400,\"take_profit\":61200}");

    ReplayReport report =
        replay(request(Optional.of(otherVersion.id()), Optional.empty(), false), true)
            .run(BacktestProgress.NONE);

    ReplayReport.Cycle c = report.cycles().getFirst();
    assertThat(c.live().exitReason()).contains("no_prices");
    assertThat(c.live().pnl()).isEmpty();
    assertThat(report.summary().live().noPrices()).isEqualTo(1);
    assertThat(report.summary().live().trades()).isZero();
  }

  @Test
  void givenBadInput_whenAReplayIsMade_thenItIsRefusedWithTheOption() {
    assertThatThrownBy(() -> replay(request(Optional.empty(), Optional.empty(), false), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--version");
    assertThatThrownBy(
            () -> replay(request(Optional.of(UUID.randomUUID()), Optional.empty(), false), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--version")
        .hasMessageContaining("not found");
    ReplayRequest backwards =
        new ReplayRequest(
            T2,
            T1,
            Optional.empty(),
            Optional.empty(),
            Optional.of("m/x"),
            false,
            ReplayRequest.DEFAULT_HORIZON,
            ReplayRequest.DEFAULT_NOTIONAL,
            BigDecimal.ONE,
            FEE,
            Optional.empty());
    assertThatThrownBy(backwards::checked)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--from");
  }

  @Test
  void givenAReport_whenWritten_thenItIsSnakeCaseWithTheNewSide() {
    recordTwoCycles();
    ReplayReport report =
        replay(request(Optional.of(otherVersion.id()), Optional.empty(), false), true)
            .run(BacktestProgress.NONE);

    String json = ReplayReport.write(report);

    assertThat(json)
        .contains(
            "\"decision_id\"",
            "\"new\":{",
            "\"agreement_rate\":0.5",
            "\"exit_reason\":\"take\"",
            "\"cache_hits\":0");
    assertThat(ReplayReport.read(json).summary().cycles()).isEqualTo(2);
  }
}
