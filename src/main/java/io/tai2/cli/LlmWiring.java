package io.tai2.cli;

import io.tai2.config.Secret;
import io.tai2.history.LlmReplyCacheRepository;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.lab.LlmDeciders;
import io.tai2.reasoning.LlmClient;
import io.tai2.reasoning.LlmClientConfig;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The LLM side of a command-line backtest, from the same places the service reads it: the API key and base URL from
 * the environment ({@code OPENROUTER_API_KEY}, {@code OPENROUTER_BASE_URL}), the model, schema and budget from the saved
 * reasoning settings, the prompt versions and the reply cache from the database.
 */
final class LlmWiring {

  private LlmWiring() {}

  static LlmDeciders.Wiring of(DataSource ds) {
    JdbcClient jdbc = JdbcClient.create(ds);
    Clock clock = Clock.systemUTC();
    SettingsRepository settings =
        new SettingsRepository(jdbc, new TransactionTemplate(new JdbcTransactionManager(ds)));
    ReasoningSettingsStore reasoning = new ReasoningSettingsStore(settings, clock);
    String base =
        Optional.ofNullable(System.getenv("OPENROUTER_BASE_URL"))
            .filter(v -> !v.isBlank())
            .orElse("https://openrouter.ai/api/v1");
    URI baseUri = baseUri(base);
    Optional<LlmClient> client =
        Optional.ofNullable(System.getenv("OPENROUTER_API_KEY"))
            .filter(v -> !v.isBlank())
            .map(key -> LlmClient.create(LlmClientConfig.of(baseUri, Optional.of(Secret.of(key)))));
    return new LlmDeciders.Wiring(
        client,
        new LlmReplyCacheRepository(jdbc),
        new PromptVersions(new PromptVersionRepository(jdbc), reasoning, clock),
        reasoning.current(),
        clock);
  }

  /** The endpoint, refused with the variable's name when it is not an http(s) URL (as the service refuses it at start). */
  private static URI baseUri(String value) {
    try {
      URI uri = new URI(value.strip());
      if ((uri.getScheme() != null
              && (uri.getScheme().equals("http") || uri.getScheme().equals("https")))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "OPENROUTER_BASE_URL "
            + value
            + " is not an http(s) URL such as https://openrouter.ai/api/v1");
  }
}
