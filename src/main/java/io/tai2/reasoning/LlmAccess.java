package io.tai2.reasoning;

import io.tai2.config.InvalidFieldsException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured LLM endpoint with the current timeout: the client is rebuilt only when the timeout setting changes,
 * so its model cache survives between calls.
 */
public final class LlmAccess {

  private static final Logger log = LoggerFactory.getLogger(LlmAccess.class);

  private final LlmClientConfig base;
  private final HttpClient http;
  private final Clock clock;
  private final ReasoningMeters meters;
  private LlmClient client; // guarded by this

  public LlmAccess(LlmClientConfig base, HttpClient http, Clock clock) {
    this(base, http, clock, ReasoningMeters.unexported());
  }

  /** As above, with every completion measured in {@code meters}. */
  public LlmAccess(LlmClientConfig base, HttpClient http, Clock clock, ReasoningMeters meters) {
    this.base = base;
    this.http = http;
    this.clock = clock;
    this.meters = meters;
  }

  public synchronized LlmClient client(Duration timeout) {
    if (client == null || !client.config().timeout().equals(timeout)) {
      client = new LlmClient(base.withTimeout(timeout), http, clock, meters);
    }
    return client;
  }

  /** The client at the timeout last used (or the configured default), for the model list and key status. */
  public synchronized LlmClient client() {
    return client == null ? client(base.timeout()) : client;
  }

  public boolean hasApiKey() {
    return base.apiKey().isPresent();
  }

  /** How long the credits card waits for each of {@code /key} and {@code /credits} (one attempt: the card asks again later). */
  static final Duration CREDITS_WAIT = Duration.ofSeconds(5);

  /** The key's status and the account's credits, asked once each with a short timeout; failures are notes (see {@link LlmCredits}). */
  public LlmCredits credits() {
    return new LlmClient(base.withMaxAttempts(1).withTimeout(CREDITS_WAIT), http, clock).credits();
  }

  /** How long a request that names a model waits for the model list (cached an hour once fetched) before taking it on trust. */
  static final Duration MODELS_WAIT = Duration.ofSeconds(3);

  /**
   * The endpoint's model ids; empty when it lists none or cannot be asked within {@link #MODELS_WAIT}: saving settings
   * or asking the chat must not depend on the LLM endpoint being up (the fetch goes on and fills the client's cache).
   */
  public Optional<Set<String>> listedModelIds() {
    try {
      Set<String> ids =
          CompletableFuture.supplyAsync(() -> client().models())
              .get(MODELS_WAIT.toMillis(), TimeUnit.MILLISECONDS)
              .stream()
              .map(LlmModel::id)
              .collect(Collectors.toUnmodifiableSet());
      return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.info("event=llm_models_unavailable reason={}", e.getClass().getSimpleName());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Refuses (naming {@code field}) a model the endpoint does not list, when it lists models. */
  void requireListed(String field, String model) {
    listedModelIds()
        .filter(ids -> !ids.contains(model))
        .ifPresent(
            ids -> {
              throw new InvalidFieldsException(
                  field,
                  "the LLM endpoint does not list the model " + model + " (see GET /llm/models)");
            });
  }
}
