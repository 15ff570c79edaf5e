package io.tai2.reasoning;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The configured LLM endpoint with the current timeout: the client is rebuilt only when the timeout setting changes,
 * so its model cache survives between calls.
 */
public final class LlmAccess {

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
}
