package io.tai2.lab;

import io.tai2.history.LlmReplyCacheRepository;
import io.tai2.history.LlmReplyCacheRepository.CachedReply;
import io.tai2.reasoning.DecisionOutcome;
import io.tai2.reasoning.DecisionParser;
import io.tai2.reasoning.LlmException;
import io.tai2.reasoning.LlmModel;
import io.tai2.reasoning.LlmReply;
import io.tai2.reasoning.LlmRequest;
import io.tai2.reasoning.PriceContext;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.PromptInputs;
import io.tai2.reasoning.PromptText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code llm[:MODEL]} and {@code cache}: the live prompt builder, the real LLM client and the live decision parser on
 * the snapshot history gives. Every reply goes into the reply cache first, keyed by model, prompt hash and schema
 * hash, so a rerun of the same backtest costs nothing; {@code cache} only reads it, and a miss ends the run (a
 * cache-only run that quietly asked the LLM, or quietly held, would not be what it claims). A failure that every later
 * call would repeat (key, credits, model) ends the run too; a passing one is a recorded HOLD, as live.
 */
final class LlmDecider implements Decider {

  /** The LLM call, so tests can stand in for the client. */
  @FunctionalInterface
  interface Llm {
    LlmReply complete(LlmRequest request);
  }

  private final String model;
  private final boolean cacheOnly;
  private final PromptText text;
  private final JsonNode schema;
  private final String schemaHash;
  private final Optional<Llm> llm;
  private final LlmReplyCacheRepository cache;
  private final Optional<LlmModel> pricing;
  private final Optional<BigDecimal> spendLimit;
  private final Clock clock;
  private final PromptBuilder builder = new PromptBuilder();
  private BigDecimal spent = BigDecimal.ZERO;

  /**
   * @param llm empty for {@code cache}
   * @param pricing the model's listed prices, to cost a reply whose usage carries no cost
   * @param spendLimit the run stops when its LLM spend reaches this
   */
  LlmDecider(
      String model,
      PromptText text,
      JsonNode schema,
      Optional<Llm> llm,
      LlmReplyCacheRepository cache,
      Optional<LlmModel> pricing,
      Optional<BigDecimal> spendLimit,
      Clock clock) {
    this.model = model;
    this.cacheOnly = llm.isEmpty();
    this.text = text;
    this.schema = schema;
    this.schemaHash = sha256(schema.toString());
    this.llm = llm;
    this.cache = cache;
    this.pricing = pricing;
    this.spendLimit = spendLimit;
    this.clock = clock;
  }

  @Override
  public String name() {
    return (cacheOnly ? "cache:" : "llm:") + model;
  }

  @Override
  public Decided decide(Moment m) {
    PromptInputs inputs =
        new PromptInputs(
            m.symbol(),
            m.timeframe(),
            m.now(),
            m.snapshot().get(),
            m.candles().get(),
            Optional.of(m.account().get()),
            m.guardrails(),
            m.execution(),
            List.of(),
            m.locks(),
            text,
            model,
            schema);
    Prompt prompt = builder.build(inputs);
    String promptText = prompt.system() + "\n\n" + prompt.user();
    DecisionParser parser =
        new DecisionParser(
            new DecisionParser.Rules(
                m.guardrails().requireProtection(),
                DecisionParser.Rules.DEFAULT.maxProtectionDistance()));
    PriceContext price =
        new PriceContext(m.symbol(), prompt.price(), m.snapshot().get().instrument().tickSz());
    Optional<CachedReply> cached = cache.find(model, prompt.hash(), schemaHash);
    if (cached.isPresent()) {
      String reply = cached.get().reply();
      return new Decided(
          parser.parse(reply, price),
          Optional.of(promptText),
          Optional.of(reply),
          false,
          true,
          BigDecimal.ZERO);
    }
    if (cacheOnly) {
      throw new IllegalArgumentException(
          "--decider cache: no cached reply of "
              + model
              + " for "
              + m.symbol()
              + " at "
              + m.now()
              + " (prompt "
              + prompt.hash().substring(0, 12)
              + "); run this backtest once with --decider llm:"
              + model
              + " to fill the cache");
    }
    spendLimit
        .filter(limit -> spent.compareTo(limit) >= 0)
        .ifPresent(
            limit -> {
              throw new IllegalArgumentException(
                  "the run's LLM spend reached its limit of "
                      + limit.toPlainString()
                      + " USD at "
                      + m.now()
                      + "; raise --max-cost or shorten the period (the replies so far are cached)");
            });
    LlmRequest request =
        new LlmRequest(
            model,
            prompt.system(),
            prompt.user(),
            Optional.of(schema),
            LlmRequest.DEFAULT_TEMPERATURE,
            OptionalInt.empty(),
            Optional.empty());
    try {
      LlmReply reply = llm.get().complete(request);
      BigDecimal cost = reply.usage().costUsd().orElseGet(() -> costOf(reply));
      spent = spent.add(cost);
      if (reply.truncated() || reply.hitTokenLimit()) {
        // not cached: a cache hit is parsed, so a cut-off reply would become a different decision
        // on the rerun
        return new Decided(
            new DecisionOutcome.Rejected("the reply was cut off"),
            Optional.of(promptText),
            Optional.of(reply.content()),
            true,
            false,
            cost);
      }
      cache.put(
          model,
          prompt.hash(),
          schemaHash,
          new CachedReply(
              reply.content(),
              tokens(reply.usage().promptTokens()),
              tokens(reply.usage().completionTokens()),
              Optional.of(cost)),
          clock.instant());
      return new Decided(
          parser.parse(reply.content(), price),
          Optional.of(promptText),
          Optional.of(reply.content()),
          true,
          false,
          cost);
    } catch (LlmException e) {
      if (endsTheRun(e.kind())) {
        throw new IllegalArgumentException(
            "the LLM refused the call at "
                + m.now()
                + ": "
                + e.getMessage()
                + " (the replies so far are cached)");
      }
      // as live: a failing LLM is a recorded HOLD for this decision, not the end of the run (and
      // nothing is cached)
      return new Decided(
          new DecisionOutcome.Rejected("no decision: " + e.getMessage()),
          Optional.of(promptText),
          Optional.empty(),
          true,
          false,
          BigDecimal.ZERO);
    }
  }

  /**
   * Failures no later decision of the run can escape (a rejected key, no credits, a model the endpoint does not serve):
   * going on would fill the report with HOLDs that say nothing about the decider, and keep asking in vain.
   */
  static boolean endsTheRun(LlmException.Kind kind) {
    return switch (kind) {
      case AUTH, NO_API_KEY, CREDITS, MODEL_UNAVAILABLE -> true;
      default -> false;
    };
  }

  private BigDecimal costOf(LlmReply reply) {
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

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
