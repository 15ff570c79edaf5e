package io.tai2.reasoning;

import io.tai2.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach an OpenAI-compatible chat endpoint: base URI (e.g. {@code https://openrouter.ai/api/v1} or a local
 * {@code http://127.0.0.1:11434/v1}), API key (absent for local servers), dialect, per-attempt timeout, attempts,
 * and the attribution headers OpenRouter shows in its app rankings.
 */
public record LlmClientConfig(
    URI baseUri,
    Optional<Secret> apiKey,
    Dialect dialect,
    Duration timeout,
    int maxAttempts,
    String appTitle,
    URI referer) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final String DEFAULT_TITLE = "tai2";
  public static final URI DEFAULT_REFERER = URI.create("https://github.com/edfoo/tai2");

  /**
   * What the endpoint understands beyond OpenAI's chat API. Only OpenRouter knows {@code provider} routing, {@code /key}
   * and needs a key; OpenAI itself rejects unknown request fields, so the others never get them.
   */
  public enum Dialect {
    OPENROUTER,
    OPENAI_COMPATIBLE;

    /** OpenRouter for {@code openrouter.ai} and its subdomains, plain OpenAI-compatible for anything else. */
    public static Dialect of(URI baseUri) {
      String host = baseUri.getHost() == null ? "" : baseUri.getHost().toLowerCase(Locale.ROOT);
      return host.equals("openrouter.ai") || host.endsWith(".openrouter.ai")
          ? OPENROUTER
          : OPENAI_COMPATIBLE;
    }
  }

  public LlmClientConfig {
    String url = baseUri.toString();
    if (url.endsWith("/")) {
      baseUri = URI.create(url.substring(0, url.length() - 1));
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the LLM timeout must be positive, was " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("the LLM needs at least one attempt, was " + maxAttempts);
    }
  }

  /** Defaults for everything but the endpoint and key; the dialect follows the host. */
  public static LlmClientConfig of(URI baseUri, Optional<Secret> apiKey) {
    return new LlmClientConfig(
        baseUri,
        apiKey,
        Dialect.of(baseUri),
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_TITLE,
        DEFAULT_REFERER);
  }

  public LlmClientConfig withDialect(Dialect value) {
    return new LlmClientConfig(baseUri, apiKey, value, timeout, maxAttempts, appTitle, referer);
  }

  public LlmClientConfig withTimeout(Duration value) {
    return new LlmClientConfig(baseUri, apiKey, dialect, value, maxAttempts, appTitle, referer);
  }

  public LlmClientConfig withMaxAttempts(int value) {
    return new LlmClientConfig(baseUri, apiKey, dialect, timeout, value, appTitle, referer);
  }

  /** The endpoint as operators know it, for messages: "OpenRouter" or the host. */
  String endpointName() {
    return dialect == Dialect.OPENROUTER ? "OpenRouter" : "the LLM endpoint " + baseUri.getHost();
  }
}
