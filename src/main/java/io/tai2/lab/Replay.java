package io.tai2.lab;

import io.tai2.fills.PaperAccount;
import io.tai2.history.CandleRepository;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.LlmReplyCacheRepository.CachedReply;
import io.tai2.history.MinuteBar;
import io.tai2.lab.ReplayReport.Cycle;
import io.tai2.lab.ReplayReport.Side;
import io.tai2.reasoning.Decision;
import io.tai2.reasoning.DecisionOutcome;
import io.tai2.reasoning.DecisionParser;
import io.tai2.reasoning.LlmException;
import io.tai2.reasoning.LlmModel;
import io.tai2.reasoning.LlmReply;
import io.tai2.reasoning.LlmRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Counterfactual replay of the decision log: every recorded live cycle in a period is asked again — with another prompt
 * version around the same recorded context, or of another model with the same prompt — through the backtest's LLM
 * client, reply cache and the live decision parser; then the live decision and the new one are each played on their own
 * under the shared fill model over the one-minute bars that followed. A rerun is served from the reply cache.
 */
public final class Replay {

  /** The outcomes of cycles that reached the LLM (a cycle stopped by a check before it has no prompt worth asking). */
  static final List<String> OUTCOMES = List.of("ACCEPTED", "REJECTED", "LLM_ERROR");

  private final ReplayRequest request;
  private final ReplayPrompts prompts;
  private final Optional<LlmDecider.Llm> llm;
  private final Supplier<List<LlmModel>> listed;
  private List<LlmModel> prices;
  private final LlmDeciders.Wiring wiring;
  private final DecisionRepository decisions;
  private final CandleRepository candles;
  private final DecisionParser parser;
  private final ReplayFills fills;
  private final Optional<BigDecimal> spendLimit;

  /**
   * A replay with the wiring's LLM client.
   *
   * @param rules the decision parser's rules as live applies them (from the saved guardrails)
   * @throws IllegalArgumentException for a request that cannot run (unknown version, no API key without {@code cacheOnly})
   */
  public Replay(
      ReplayRequest request,
      LlmDeciders.Wiring wiring,
      DecisionRepository decisions,
      CandleRepository candles,
      DecisionParser.Rules rules) {
    this(
        request,
        request.cacheOnly()
            ? Optional.empty()
            : Optional.of(
                wiring
                    .client()
                    .<LlmDecider.Llm>map(c -> c::complete)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "asking "
                                    + request.model().orElse("the model")
                                    + " needs an LLM API key "
                                    + "(OPENROUTER_API_KEY); --cache-only replays cached replies without one"))),
        () -> listed(wiring),
        wiring,
        decisions,
        candles,
        rules);
  }

  /**
   * With {@code llm} standing in for the client (empty: cache only) and {@code listed} the models with their prices,
   * asked for the first time a reply comes without its cost.
   */
  Replay(
      ReplayRequest request,
      Optional<LlmDecider.Llm> llm,
      Supplier<List<LlmModel>> listed,
      LlmDeciders.Wiring wiring,
      DecisionRepository decisions,
      CandleRepository candles,
      DecisionParser.Rules rules) {
    this.request = request.checked();
    this.prompts = new ReplayPrompts(request, wiring.versions(), wiring.settings());
    this.llm = llm;
    this.listed = listed;
    this.wiring = wiring;
    this.decisions = decisions;
    this.candles = candles;
    this.parser = new DecisionParser(rules);
    this.fills =
        new ReplayFills(
            request.horizon(), request.notional(), request.leverage(), request.takerFee());
    BigDecimal budget = wiring.settings().dailyCostBudgetUsd();
    this.spendLimit =
        request.maxCost().or(() -> budget.signum() > 0 ? Optional.of(budget) : Optional.empty());
  }

  /** What one ask gave: a decision outcome, or a reason to skip the cycle. */
  private record Asked(
      Optional<DecisionOutcome> outcome, String hash, boolean cached, Optional<String> skip) {}

  /** Runs the replay; {@code progress} hears of each cycle, and a cancel ends it with the cycles so far. */
  public ReplayReport run(BacktestProgress progress) {
    List<DecisionRecord> rows =
        decisions.between(request.from(), request.to(), request.symbol(), OUTCOMES);
    List<Cycle> cycles = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Spend spend = new Spend();
    for (int i = 0; i < rows.size() && !progress.cancelled(); i++) {
      progress.update(i, rows.size());
      DecisionRecord d = rows.get(i);
      switch (prompts.prepare(d)) {
        case ReplayPrompts.Skip(String reason) -> skipped.merge(reason, 1, Integer::sum);
        case ReplayPrompts.Question q -> {
          Asked asked = ask(q, spend);
          if (asked.skip().isPresent()) {
            skipped.merge(asked.skip().get(), 1, Integer::sum);
          } else {
            cycles.add(cycle(d, q, asked));
          }
        }
      }
    }
    progress.update(rows.size(), rows.size());
    ReplayReport.Parameters parameters =
        new ReplayReport.Parameters(
            request.from(),
            request.to(),
            request.symbol(),
            request.version(),
            request.model(),
            request.cacheOnly(),
            request.horizon().toString(),
            request.notional(),
            request.leverage(),
            request.takerFee());
    return new ReplayReport(
        UUID.randomUUID(),
        wiring.clock().instant(),
        parameters,
        cycles,
        ReplayTotals.summary(cycles, skipped, spend.calls, spend.hits, spend.cost));
  }

  /** The LLM calls, cache hits and spend of this replay. */
  private static final class Spend {
    int calls;
    int hits;
    BigDecimal cost = BigDecimal.ZERO;
  }

  private Asked ask(ReplayPrompts.Question q, Spend spend) {
    String hash = q.hash();
    String schemaHash = LlmDecider.sha256(q.schema().toString());
    Optional<CachedReply> cached = wiring.cache().find(q.model(), hash, schemaHash);
    if (cached.isPresent()) {
      spend.hits++;
      return new Asked(
          Optional.of(parser.parse(cached.get().reply(), q.price())), hash, true, Optional.empty());
    }
    if (llm.isEmpty()) {
      return new Asked(Optional.empty(), hash, false, Optional.of("not_cached"));
    }
    if (spendLimit.filter(limit -> spend.cost.compareTo(limit) >= 0).isPresent()) {
      return new Asked(Optional.empty(), hash, false, Optional.of("spend_limit"));
    }
    LlmRequest llmRequest =
        new LlmRequest(
            q.model(),
            q.system(),
            q.user(),
            Optional.of(q.schema()),
            LlmRequest.DEFAULT_TEMPERATURE,
            OptionalInt.empty(),
            Optional.empty());
    spend.calls++;
    try {
      LlmReply reply = llm.get().complete(llmRequest);
      BigDecimal cost = reply.usage().costUsd().orElseGet(() -> costOf(reply, q.model()));
      spend.cost = spend.cost.add(cost);
      wiring
          .cache()
          .put(
              q.model(),
              hash,
              schemaHash,
              new CachedReply(
                  reply.content(),
                  tokens(reply.usage().promptTokens()),
                  tokens(reply.usage().completionTokens()),
                  Optional.of(cost)),
              wiring.clock().instant());
      DecisionOutcome outcome =
          reply.truncated() || reply.hitTokenLimit()
              ? new DecisionOutcome.Rejected("the reply was cut off")
              : parser.parse(reply.content(), q.price());
      return new Asked(Optional.of(outcome), hash, false, Optional.empty());
    } catch (LlmException e) {
      // as live and in a backtest: a failing LLM is a HOLD for this cycle, and nothing is cached
      return new Asked(
          Optional.of(new DecisionOutcome.Rejected("no decision: " + e.getMessage())),
          hash,
          false,
          Optional.empty());
    }
  }

  private Cycle cycle(DecisionRecord d, ReplayPrompts.Question q, Asked asked) {
    Instant snapshotAt = d.snapshotAt().orElse(d.createdAt());
    Supplier<List<MinuteBar>> bars =
        new Supplier<>() {
          private List<MinuteBar> loaded;

          @Override
          public List<MinuteBar> get() {
            if (loaded == null) {
              loaded = candles.range(d.symbol(), snapshotAt, fills.until(snapshotAt));
            }
            return loaded;
          }
        };
    Side live = live(d, snapshotAt, bars);
    DecisionOutcome outcome = asked.outcome().orElseThrow();
    Decision decision = outcome.decision();
    Optional<String> note =
        outcome instanceof DecisionOutcome.Rejected r
            ? Optional.of("rejected: " + r.reason())
            : Optional.empty();
    Side replayed =
        side(
            d,
            snapshotAt,
            bars,
            decision.action().name(),
            Optional.of(decision.confidence()),
            stop(decision),
            take(decision),
            outcome instanceof DecisionOutcome.Accepted,
            note,
            q.model(),
            q.versionId(),
            Optional.of(asked.hash()),
            asked.cached());
    return new Cycle(
        d.id(),
        d.createdAt(),
        snapshotAt,
        d.symbol(),
        q.price().lastPrice(),
        live,
        replayed,
        live.action().equals(replayed.action()));
  }

  /** The live side: the decision as recorded (a rejected reply was a HOLD), noted with the guardrails' verdict. */
  private Side live(DecisionRecord d, Instant snapshotAt, Supplier<List<MinuteBar>> bars) {
    JsonNode decision =
        d.decisionJson()
            .map(ReplayPrompts.DECIMALS::readTree)
            .orElse(ReplayPrompts.DECIMALS.createObjectNode());
    String action = decision.path("action").asString("HOLD");
    Optional<String> note =
        d.outcome().equals("ACCEPTED")
            ? d.guardrailVerdictJson()
                .map(ReplayPrompts.DECIMALS::readTree)
                .map(v -> v.path("verdict").asString(""))
                .filter(v -> !v.isEmpty())
            : d.rejectionReason().map(r -> d.outcome().toLowerCase(Locale.ROOT) + ": " + r);
    return side(
        d,
        snapshotAt,
        bars,
        action,
        ReplayPrompts.decimal(decision.path("confidence")),
        ReplayPrompts.decimal(decision.path("stop_loss")),
        ReplayPrompts.decimal(decision.path("take_profit")),
        d.outcome().equals("ACCEPTED"),
        note,
        d.modelId().orElse(""),
        d.promptVersionId(),
        d.promptHash(),
        false);
  }

  private Side side(
      DecisionRecord d,
      Instant snapshotAt,
      Supplier<List<MinuteBar>> bars,
      String action,
      Optional<BigDecimal> confidence,
      Optional<BigDecimal> stop,
      Optional<BigDecimal> take,
      boolean accepted,
      Optional<String> note,
      String model,
      Optional<UUID> version,
      Optional<String> hash,
      boolean cached) {
    int direction = action.equals("BUY") ? 1 : action.equals("SELL") ? -1 : 0;
    if (!accepted || direction == 0) {
      return new Side(
          action,
          confidence,
          stop,
          take,
          Optional.of(BigDecimal.ZERO),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          note,
          model,
          version,
          hash,
          cached);
    }
    Optional<PaperAccount.Closed> trade =
        fills.play(d.symbol(), snapshotAt, direction, stop, take, bars.get(), d.id());
    if (trade.isEmpty()) {
      return new Side(
          action,
          confidence,
          stop,
          take,
          Optional.empty(),
          Optional.of("no_prices"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          note,
          model,
          version,
          hash,
          cached);
    }
    PaperAccount.Closed t = trade.get();
    return new Side(
        action,
        confidence,
        stop,
        take,
        Optional.of(t.pnl()),
        Optional.of(t.reason().word()),
        Optional.of(t.position().entryTime()),
        Optional.of(t.position().entryPrice()),
        Optional.of(t.exitTime()),
        Optional.of(t.exitPrice()),
        note,
        model,
        version,
        hash,
        cached);
  }

  private static Optional<BigDecimal> stop(Decision decision) {
    return switch (decision) {
      case Decision.Buy b -> b.stopLoss();
      case Decision.Sell s -> s.stopLoss();
      case Decision.Hold h -> h.stopLoss();
      case Decision.Close c -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> take(Decision decision) {
    return switch (decision) {
      case Decision.Buy b -> b.takeProfit();
      case Decision.Sell s -> s.takeProfit();
      case Decision.Hold h -> h.takeProfit();
      case Decision.Close c -> Optional.empty();
    };
  }

  private BigDecimal costOf(LlmReply reply, String model) {
    if (prices == null) {
      prices = List.copyOf(listed.get());
    }
    Optional<LlmModel> pricing = prices.stream().filter(m -> m.id().equals(model)).findFirst();
    if (pricing.isEmpty()) {
      return BigDecimal.ZERO;
    }
    BigDecimal in = BigDecimal.valueOf(reply.usage().promptTokens().orElse(0));
    BigDecimal out = BigDecimal.valueOf(reply.usage().completionTokens().orElse(0));
    return in.multiply(pricing.get().promptPricePerMTokens())
        .add(out.multiply(pricing.get().completionPricePerMTokens()))
        .divide(BigDecimal.valueOf(1_000_000));
  }

  private static Optional<Integer> tokens(OptionalLong v) {
    return v.isPresent()
        ? Optional.of((int) Math.min(Integer.MAX_VALUE, v.getAsLong()))
        : Optional.empty();
  }

  /** The models the endpoint lists, with their prices, to cost a reply whose usage carries none; empty when unknown. */
  private static List<LlmModel> listed(LlmDeciders.Wiring wiring) {
    try {
      return wiring.client().map(c -> c.models()).orElse(List.of());
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
