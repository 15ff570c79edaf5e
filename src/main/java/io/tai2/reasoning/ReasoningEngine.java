package io.tai2.reasoning;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One prompt cycle for a symbol: check that prompting makes sense now (tracked symbol, fresh data, no hold rule, no
 * risk lock), build the prompt, ask the LLM, turn the reply into a validated decision or a recorded rejection, and log
 * the run. A failing LLM is a recorded HOLD, never an exception out of here; one cycle per symbol at a time.
 */
public final class ReasoningEngine {

  private static final Logger log = LoggerFactory.getLogger(ReasoningEngine.class);

  /** The decision log keeps a prompt as system + this + user (the dataset export splits it here again). */
  public static final String LOGGED_PROMPT_JOIN = "\n\n";

  /** The outcome of a shadow's cycle that asked nothing because the day's LLM budget is spent. */
  public static final String SKIPPED = "SKIPPED";

  private final MarketEngine market;
  private final PromptVersions versions;
  private final ReasoningSettingsStore settings;
  private final Supplier<GuardrailSettings> guardrails;
  private final Supplier<ExecutionSettings> execution;
  private final ExecutionFeedbackRepository feedback;
  private final RiskLockRepository riskLocks;
  private final DecisionRepository decisions;
  private final LlmAccess llm;
  private final Clock clock;
  private final ReasoningMeters meters;
  private final PromptAccount account;
  private final PromptBuilder builder = new PromptBuilder();
  private final ConcurrentHashMap<String, ReentrantLock> running = new ConcurrentHashMap<>();

  public ReasoningEngine(
      MarketEngine market,
      PromptVersions versions,
      ReasoningSettingsStore settings,
      Supplier<GuardrailSettings> guardrails,
      Supplier<ExecutionSettings> execution,
      ExecutionFeedbackRepository feedback,
      RiskLockRepository riskLocks,
      DecisionRepository decisions,
      LlmAccess llm,
      Clock clock,
      ReasoningMeters meters) {
    this(
        market,
        versions,
        settings,
        guardrails,
        execution,
        feedback,
        riskLocks,
        decisions,
        llm,
        clock,
        meters,
        PromptAccount.exchange(market));
  }

  public ReasoningEngine(
      MarketEngine market,
      PromptVersions versions,
      ReasoningSettingsStore settings,
      Supplier<GuardrailSettings> guardrails,
      Supplier<ExecutionSettings> execution,
      ExecutionFeedbackRepository feedback,
      RiskLockRepository riskLocks,
      DecisionRepository decisions,
      LlmAccess llm,
      Clock clock,
      ReasoningMeters meters,
      PromptAccount account) {
    this.account = account;
    this.market = market;
    this.versions = versions;
    this.settings = settings;
    this.guardrails = guardrails;
    this.execution = execution;
    this.feedback = feedback;
    this.riskLocks = riskLocks;
    this.decisions = decisions;
    this.llm = llm;
    this.clock = clock;
    this.meters = meters;
  }

  /** What to prompt for: the symbol, and optionally a timeframe, a model and a prompt version other than the defaults. */
  public record PromptRequest(
      String symbol, Optional<String> timeframe, Optional<String> model, Optional<UUID> version) {
    public PromptRequest {
      model.ifPresent(m -> ModelId.require("model", m));
    }

    public static PromptRequest of(String symbol) {
      return new PromptRequest(symbol, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** A prompt as it would be sent now, and what would stop a run at this moment (empty = it would run). */
  public record Preview(Prompt prompt, String versionChoice, List<String> blockers) {}

  /**
   * One finished cycle. {@code status}: {@code ACCEPTED} (a valid decision), {@code REJECTED} (the reply failed
   * validation: HOLD), or {@code LLM_ERROR} (no reply: HOLD). {@code error} says what went wrong for the latter two.
   */
  public record Cycle(
      UUID decisionId,
      Prompt prompt,
      String versionChoice,
      String status,
      DecisionOutcome outcome,
      Optional<String> error,
      Optional<LlmReply> reply) {

    public Decision decision() {
      return outcome.decision();
    }
  }

  /** Builds the prompt with no side effects at all; blockers are reported, not enforced. */
  public Preview preview(PromptRequest request) {
    Gathered g = gather(request);
    List<String> stops =
        new ArrayList<>(blockers(g).stream().map(RunChecks.Blocker::message).toList());
    budgetSpent().ifPresent(stops::add);
    return new Preview(g.prompt(), g.choice().reason(), List.copyOf(stops));
  }

  /** Runs one cycle; {@link ReasoningException} when a check stops it before the LLM is asked. */
  public Cycle run(PromptRequest request) {
    // A model named by the caller is input: one the endpoint does not list is a 400, not a recorded
    // LLM failure.
    request.model().ifPresent(m -> llm.requireListed("model", m));
    ReentrantLock lock = running.computeIfAbsent(request.symbol(), s -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw new ReasoningException(
          ReasoningException.Kind.BUSY,
          "a prompt cycle for " + request.symbol() + " is already running; wait for it");
    }
    try {
      Gathered g = gather(request);
      List<RunChecks.Blocker> blockers = blockers(g);
      if (!blockers.isEmpty()) {
        throw new ReasoningException(blockers.getFirst().kind(), blockers.getFirst().message());
      }
      budgetSpent()
          .ifPresent(
              message -> {
                throw new ReasoningException(ReasoningException.Kind.BUDGET_SPENT, message);
              });
      return ask(g, g.source());
    } finally {
      lock.unlock();
    }
  }

  /**
   * One cycle of a shadow: {@code request} names its model and prompt version, {@code shadowAccount} is its own paper
   * account (what its prompt shows). The decision is recorded as {@link DecisionRecord#SHADOW}. With the day's LLM budget
   * spent nothing is asked and a {@code SKIPPED} decision records why; the other checks stop it as they stop a live run.
   */
  public Cycle runShadow(PromptRequest request, Optional<AccountSnapshot> shadowAccount) {
    Gathered g = gather(request, Optional.empty(), Optional.of(shadowAccount));
    List<RunChecks.Blocker> blockers = blockers(g);
    if (!blockers.isEmpty()) {
      throw new ReasoningException(blockers.getFirst().kind(), blockers.getFirst().message());
    }
    Optional<String> spent = budgetSpent();
    if (spent.isPresent()) {
      UUID id = UUID.randomUUID();
      DecisionOutcome skipped = new DecisionOutcome.Rejected("skipped: " + spent.get());
      record(id, g, SKIPPED, skipped, spent, Optional.empty(), DecisionRecord.SHADOW);
      return new Cycle(
          id, g.prompt(), g.choice().reason(), SKIPPED, skipped, spent, Optional.empty());
    }
    return ask(g, DecisionRecord.SHADOW);
  }

  /** Why no LLM may be asked today: the day's spend (since 00:00 UTC) has reached the budget; empty while it may. */
  Optional<String> budgetSpent() {
    BigDecimal budget = settings.current().dailyCostBudgetUsd();
    if (budget.signum() <= 0) {
      return Optional.empty();
    }
    Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS);
    BigDecimal spent = decisions.costSince(midnight);
    return spent.compareTo(budget) >= 0
        ? Optional.of(
            "the LLM budget of "
                + budget.stripTrailingZeros().toPlainString()
                + " USD for today is spent ("
                + spent.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " USD since 00:00 UTC): prompts resume at midnight UTC, or raise reasoning.daily_cost_budget_usd")
        : Optional.empty();
  }

  private Cycle ask(Gathered g, String source) {
    Prompt prompt = g.prompt();
    UUID id = UUID.randomUUID();
    Optional<LlmReply> reply = Optional.empty();
    DecisionOutcome outcome;
    String status;
    Optional<String> error = Optional.empty();
    try {
      LlmRequest request =
          new LlmRequest(
              prompt.model(),
              prompt.system(),
              prompt.user(),
              Optional.of(g.schema()),
              LlmRequest.DEFAULT_TEMPERATURE,
              OptionalInt.empty(),
              reasoningEffort(prompt.model()));
      LlmReply r = llm.client(settings.current().llmTimeout()).complete(request);
      reply = Optional.of(r);
      outcome =
          r.truncated() || r.hitTokenLimit()
              ? new DecisionOutcome.Rejected(
                  "the reply was cut off ("
                      + (r.truncated()
                          ? "over " + LlmClient.MAX_CONTENT_CHARS + " characters"
                          : "token limit")
                      + ")")
              : parser(g).parse(r.content(), priceContext(g));
      status = outcome instanceof DecisionOutcome.Accepted ? "ACCEPTED" : "REJECTED";
      if (outcome instanceof DecisionOutcome.Rejected rejected) {
        error = Optional.of(rejected.reason());
      }
    } catch (LlmException e) {
      outcome = new DecisionOutcome.Rejected("no decision: " + e.getMessage());
      status = "LLM_ERROR";
      error = Optional.of(e.getMessage());
    } catch (RuntimeException e) {
      // A bug here must not end the loop that called us; the run is recorded as a HOLD with the
      // reason.
      log.error("event=reasoning_failed symbol={} error={}", prompt.symbol(), e.toString(), e);
      outcome = new DecisionOutcome.Rejected("internal error while deciding: " + e);
      status = "LLM_ERROR";
      error = Optional.of(e.toString());
    }
    record(id, g, status, outcome, error, reply, source);
    meters.decided(prompt.symbol(), status, outcome.decision().action());
    log.info(
        "event=decision symbol={} model={} version={} choice={} status={} action={} latency_ms={}",
        prompt.symbol(),
        prompt.model(),
        prompt.versionName(),
        g.choice().reason(),
        status,
        outcome.decision().action(),
        reply.map(r -> r.latency().toMillis()).orElse(-1L));
    return new Cycle(id, prompt, g.choice().reason(), status, outcome, error, reply);
  }

  private void record(
      UUID id,
      Gathered g,
      String status,
      DecisionOutcome outcome,
      Optional<String> error,
      Optional<LlmReply> reply,
      String source) {
    Prompt p = g.prompt();
    decisions.insert(
        new DecisionRecord(
            id,
            clock.instant(),
            p.symbol(),
            Optional.of(p.timeframe()),
            Optional.of(reply.map(LlmReply::model).orElse(p.model())),
            p.versionId(),
            Optional.of(p.hash()),
            Optional.of(p.system() + LOGGED_PROMPT_JOIN + p.user()),
            reply.map(LlmReply::content),
            Optional.of(DecisionJson.text(outcome.decision())),
            status,
            error,
            Optional.empty(),
            reply.map(r -> r.latency().toMillis()),
            reply.flatMap(r -> tokens(r.usage().promptTokens())),
            reply.flatMap(r -> tokens(r.usage().completionTokens())),
            reply.flatMap(r -> r.usage().costUsd()),
            Optional.of(p.snapshotAt()),
            Optional.ofNullable(p.price()),
            Optional.of(g.choice().reason()),
            Optional.empty(),
            source));
  }

  /** Upstream asks reasoning models for medium effort; others get no {@code reasoning} field. */
  static Optional<String> reasoningEffort(String model) {
    String id = model.toLowerCase(Locale.ROOT);
    return Stream.of(
                "deepseek-r1",
                "deepseek/r1",
                "o1-mini",
                "o1-preview",
                "o3",
                "o4-mini",
                "r1-distill",
                "reasoning",
                "thinking")
            .anyMatch(id::contains)
        ? Optional.of("medium")
        : Optional.empty();
  }

  private static Optional<Integer> tokens(OptionalLong value) {
    return value.isPresent()
        ? Optional.of((int) Math.min(Integer.MAX_VALUE, value.getAsLong()))
        : Optional.empty();
  }

  private DecisionParser parser(Gathered g) {
    return new DecisionParser(
        new DecisionParser.Rules(
            g.inputs().guardrails().requireProtection(),
            DecisionParser.Rules.DEFAULT.maxProtectionDistance()));
  }

  private static PriceContext priceContext(Gathered g) {
    MarketSnapshot m = g.inputs().market();
    BigDecimal tick = m.instrument() == null ? null : m.instrument().tickSz();
    return new PriceContext(g.prompt().symbol(), g.prompt().price(), tick);
  }

  private record Gathered(
      PromptInputs inputs,
      Prompt prompt,
      PromptVersions.Chosen choice,
      JsonNode schema,
      String source) {}

  /**
   * The prompt an unsaved draft of the prompt texts would produce now for {@code symbol} (the CFG editor's live preview);
   * the schema and everything else as for a run of the active version.
   */
  public Prompt draft(String symbol, PromptText text) {
    return gather(PromptRequest.of(symbol), Optional.of(text), Optional.empty()).prompt();
  }

  private Gathered gather(PromptRequest request) {
    return gather(request, Optional.empty(), Optional.empty());
  }

  /** {@code shadowAccount}: a shadow's own account in place of the live (or dry-run) one. */
  private Gathered gather(
      PromptRequest request,
      Optional<PromptText> draft,
      Optional<Optional<AccountSnapshot>> shadowAccount) {
    String symbol =
        request.symbol() == null ? "" : request.symbol().strip().toUpperCase(Locale.ROOT);
    if (!market.symbols().contains(symbol)) {
      throw new ReasoningException(
          ReasoningException.Kind.UNKNOWN_SYMBOL,
          "symbol "
              + symbol
              + " is not tracked; tracked are "
              + market.symbols()
              + " (add it to the trading pairs first)");
    }
    MarketSnapshot snapshot = market.snapshot(symbol).orElseThrow();
    if (snapshot.ticker() == null
        || snapshot.instrument() == null
        || snapshot.indicators().isEmpty()) {
      throw new ReasoningException(
          ReasoningException.Kind.NO_SNAPSHOT,
          "no market data for "
              + symbol
              + " yet (instrument, ticker and candles are still loading); try again shortly");
    }
    Optional<String> asked = request.timeframe().filter(t -> !t.isBlank());
    String timeframe = asked.orElseGet(() -> settings.current().timeframe());
    if (!market.timeframes().contains(timeframe)) {
      throw new ReasoningException(
          ReasoningException.Kind.BAD_REQUEST,
          "timeframe "
              + timeframe
              + (asked.isEmpty() ? " (reasoning.timeframe)" : "")
              + " is not computed; use one of "
              + market.timeframes());
    }
    if (snapshot.indicators().get(timeframe) == null) {
      throw new ReasoningException(
          ReasoningException.Kind.NO_SNAPSHOT,
          "no "
              + timeframe
              + " candles for "
              + symbol
              + " yet (they are still loading); try again shortly");
    }
    PromptVersions.Chosen choice;
    try {
      choice = versions.forRun(symbol, request.version());
    } catch (NoSuchElementException e) {
      throw new ReasoningException(ReasoningException.Kind.UNKNOWN_VERSION, e.getMessage());
    }
    ReasoningSettings rs = settings.current();
    JsonNode schema =
        ContextJson.MAPPER.readTree(
            choice.schemaOverride().or(rs::responseSchemaOverride).orElse(ResponseSchema.text()));
    Instant now = clock.instant();
    String source = shadowAccount.isPresent() ? DecisionRecord.SHADOW : account.source();
    PromptInputs inputs =
        new PromptInputs(
            symbol,
            timeframe,
            now,
            snapshot,
            market.history(symbol, timeframe),
            shadowAccount.orElseGet(account::current),
            guardrails.get(),
            execution.get(),
            feedback.active(now),
            riskLocks.all(),
            draft.orElse(choice.text()),
            request.model().filter(m -> !m.isBlank()).orElse(rs.model()),
            schema);
    return new Gathered(inputs, builder.build(inputs), choice, schema, source);
  }

  private static List<RunChecks.Blocker> blockers(Gathered g) {
    return RunChecks.of(g.inputs());
  }
}
