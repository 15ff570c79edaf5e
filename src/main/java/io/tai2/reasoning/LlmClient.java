package io.tai2.reasoning;

import io.tai2.config.Secret;
import io.tai2.retry.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin client for any OpenAI-compatible chat endpoint (OpenRouter first, local servers too): one completion per
 * call, retried with backoff on rate limits, timeouts, 5xx, network errors and empty replies, honouring
 * {@code Retry-After}; never retried on 4xx that another attempt cannot fix. Also the model list (cached an hour)
 * and OpenRouter's key status. Thread-safe. The API key goes into the {@code Authorization} header and nowhere else.
 */
public final class LlmClient {

  /** Content beyond this many characters is cut off (and flagged): a decision is a few hundred. */
  public static final int MAX_CONTENT_CHARS = 256 * 1024;

  static final Duration MODELS_TTL = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(LlmClient.class);

  /** Reads a 200 answer; throws {@link LlmFailure.Raised} when the body makes the attempt a failure. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(HttpResponse<String> response, int attempt) throws LlmFailure.Raised;
  }

  private final LlmClientConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final LlmWire wire;
  private final ReasoningMeters meters;
  private List<LlmModel> models; // guarded by this
  private Instant modelsFetchedAt = Instant.MIN; // guarded by this

  public LlmClient(LlmClientConfig config, HttpClient http, Clock clock) {
    this(config, http, clock, ReasoningMeters.unexported());
  }

  /** A client whose completions are measured in {@code meters} (latency, tokens and cost by model). */
  public LlmClient(LlmClientConfig config, HttpClient http, Clock clock, ReasoningMeters meters) {
    this(config, http, clock, Sleeper.REAL, meters);
  }

  LlmClient(LlmClientConfig config, HttpClient http, Clock clock, Sleeper sleeper) {
    this(config, http, clock, sleeper, ReasoningMeters.unexported());
  }

  LlmClient(
      LlmClientConfig config,
      HttpClient http,
      Clock clock,
      Sleeper sleeper,
      ReasoningMeters meters) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
    this.wire = new LlmWire(config, clock);
    this.meters = meters;
  }

  /** A client with its own HTTP client (10 s to connect) and the system clock. */
  public static LlmClient create(LlmClientConfig config) {
    return new LlmClient(
        config,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        Clock.systemUTC());
  }

  public LlmClientConfig config() {
    return config;
  }

  /** One chat completion; {@link LlmException} when it fails for good. */
  public LlmReply complete(LlmRequest request) {
    if (config.dialect() == LlmClientConfig.Dialect.OPENROUTER && config.apiKey().isEmpty()) {
      LlmException e =
          LlmFailure.of(LlmException.Kind.NO_API_KEY, 0, "")
              .toException(config, request.model(), 0);
      log.warn(
          "event=llm_failed operation=chat model={} kind={} attempts=0", request.model(), e.kind());
      throw e;
    }
    HttpRequest post =
        request("/chat/completions")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(wire.requestBody(request)))
            .build();
    Instant start = clock.instant();
    LlmReply reply;
    try {
      reply =
          call(
              "chat",
              request.model(),
              post,
              (response, attempt) ->
                  wire.reply(response, request, Duration.between(start, clock.instant()), attempt));
    } catch (LlmException e) {
      meters.llmFailed(request.model(), Duration.between(start, clock.instant()));
      throw e;
    }
    meters.llmReplied(request.model(), reply);
    log.info(
        "event=llm_reply model={} provider={} generation={} finish={} prompt_tokens={} completion_tokens={} cost_usd={} latency_ms={} attempts={} chars={} truncated={}",
        reply.model(),
        reply.provider().orElse("-"),
        reply.generationId().orElse("-"),
        reply.finishReason(),
        reply.usage().promptTokens().stream().boxed().findAny().map(String::valueOf).orElse("-"),
        reply.usage().completionTokens().stream()
            .boxed()
            .findAny()
            .map(String::valueOf)
            .orElse("-"),
        reply.usage().costUsd().map(c -> c.toPlainString()).orElse("-"),
        reply.latency().toMillis(),
        reply.attempts(),
        reply.content().length(),
        reply.truncated());
    return reply;
  }

  /**
   * The endpoint's models, cached for an hour. When a refresh fails the last list is returned (and the failure
   * logged); with no list yet, {@link LlmException}. Never invents model ids.
   */
  public List<LlmModel> models() {
    synchronized (this) {
      if (models != null && clock.instant().isBefore(modelsFetchedAt.plus(MODELS_TTL))) {
        return models;
      }
    }
    try {
      List<LlmModel> fresh =
          call(
              "models",
              "",
              request("/models").GET().build(),
              (response, attempt) -> wire.models(response.body()));
      synchronized (this) {
        models = fresh;
        modelsFetchedAt = clock.instant();
      }
      log.info("event=llm_models count={}", fresh.size());
      return fresh;
    } catch (LlmException e) {
      synchronized (this) {
        if (models != null) {
          log.warn(
              "event=llm_models_stale kind={} status={} cached={} age_s={}",
              e.kind(),
              e.httpStatus(),
              models.size(),
              Duration.between(modelsFetchedAt, clock.instant()).toSeconds());
          return models;
        }
      }
      throw e;
    }
  }

  /**
   * OpenRouter's view of the key's spending, for the credit display. Empty when the endpoint is not OpenRouter,
   * no key is configured, or the endpoint has no {@code /key}; other failures are {@link LlmException}s.
   */
  public Optional<LlmKeyStatus> keyStatus() {
    if (config.dialect() != LlmClientConfig.Dialect.OPENROUTER || config.apiKey().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          call(
              "key",
              "",
              request("/key").GET().build(),
              (response, attempt) -> wire.keyStatus(response.body())));
    } catch (LlmException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The key's status and the account's credits for the credits card. Asked of any endpoint with a key, not only of
   * {@code openrouter.ai} (the simulator's fake OpenRouter answers on loopback; a local server answers 404, which reads
   * as "no /key here"). Each part that fails becomes a note for the operator, so this never throws.
   */
  public LlmCredits credits() {
    if (config.apiKey().isEmpty()) {
      Optional<String> none = Optional.of("no API key (set OPENROUTER_API_KEY)");
      return new LlmCredits(Optional.empty(), none, Optional.empty(), none);
    }
    Optional<LlmKeyStatus> key = Optional.empty();
    Optional<String> keyNote = Optional.empty();
    try {
      key =
          Optional.of(
              call(
                  "key",
                  "",
                  request("/key").GET().build(),
                  (response, attempt) -> wire.keyStatus(response.body())));
    } catch (LlmException e) {
      keyNote = Optional.of(LlmCredits.note("key", e));
    }
    Optional<LlmCredits.Account> account = Optional.empty();
    Optional<String> accountNote = Optional.empty();
    try {
      account =
          Optional.of(
              call(
                  "credits",
                  "",
                  request("/credits").GET().build(),
                  (response, attempt) -> wire.credits(response.body())));
    } catch (LlmException e) {
      accountNote = Optional.of(LlmCredits.note("credits", e));
    }
    return new LlmCredits(key, keyNote, account, accountNote);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(config.baseUri() + path))
            .timeout(config.timeout())
            .header("Accept", "application/json")
            .header("HTTP-Referer", config.referer().toString())
            .header("X-Title", config.appTitle())
            .header("X-OpenRouter-Title", config.appTitle());
    config
        .apiKey()
        .map(Secret::reveal)
        .ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    return builder;
  }

  /** Sends until a reader accepts the answer, a failure is final, or the attempts run out. */
  private <T> T call(String operation, String model, HttpRequest request, Reader<T> reader) {
    for (int attempt = 1; ; attempt++) {
      LlmFailure failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return reader.read(response, attempt);
        }
        failure = wire.error(response);
      } catch (LlmFailure.Raised e) {
        failure = e.failure();
      } catch (HttpTimeoutException e) {
        failure = new LlmFailure(LlmException.Kind.TIMEOUT, 0, "", Optional.empty(), "", e);
      } catch (IOException e) {
        String what =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        failure = new LlmFailure(LlmException.Kind.NETWORK, 0, what, Optional.empty(), "", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(operation, model, attempt, e);
      }
      if (!failure.kind().retryable() || attempt >= config.maxAttempts()) {
        LlmException e = failure.toException(config, model, attempt);
        log.warn(
            "event=llm_failed operation={} model={} kind={} status={} attempts={} message=\"{}\"",
            operation,
            model.isEmpty() ? "-" : model,
            e.kind(),
            e.httpStatus(),
            attempt,
            failure.providerMessage());
        throw e;
      }
      Duration delay = LlmRetry.delay(failure, attempt);
      log.warn(
          "event=llm_retry operation={} model={} kind={} status={} attempt={} delay_ms={} retry_after={}",
          operation,
          model.isEmpty() ? "-" : model,
          failure.kind(),
          failure.status(),
          attempt,
          delay.toMillis(),
          failure.retryAfter().isPresent());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(operation, model, attempt, e);
      }
    }
  }

  private LlmException interrupted(
      String operation, String model, int attempt, InterruptedException e) {
    log.info("event=llm_interrupted operation={} attempts={}", operation, attempt);
    return new LlmFailure(LlmException.Kind.NETWORK, 0, "interrupted", Optional.empty(), "", e)
        .toException(config, model, attempt);
  }
}
