package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tai2.config.Secret;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.FakeLlmCall;
import io.tai2.sim.SimClock;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link LlmClient} against the simulator's fake OpenRouter over real HTTP; the sleeper records instead of waiting. */
class LlmClientTest {

  static final String KEY = "sk-or-v1-secret-test-key-0123456789";
  static final String MODEL = "openai/gpt-4o-mini";
  static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,
       "required":["action","confidence","position_size","take_profit","stop_loss","rationale"],
       "properties":{"action":{"type":"string","enum":["BUY","SELL","HOLD","CLOSE"]},"confidence":{"type":"number"},
         "position_size":{"type":"number"},"take_profit":{"type":["number","null"]},"stop_loss":{"type":["number","null"]},
         "rationale":{"type":"string"}}}""";

  final SimClock clock =
      new SimClock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
  final FakeLlm llm = new FakeLlm(clock, KEY);
  final SimServer server = SimServer.llmOnly(llm, 0);
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    server.close();
  }

  LlmClientConfig openRouter(String key) {
    return LlmClientConfig.of(
            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/"),
            Optional.of(Secret.of(key)))
        .withDialect(LlmClientConfig.Dialect.OPENROUTER);
  }

  LlmClient client(LlmClientConfig config) {
    return new LlmClient(config, HttpClient.newHttpClient(), clock, sleeps::add);
  }

  LlmClient client() {
    return client(openRouter(KEY));
  }

  static LlmRequest decisionRequest() {
    return LlmRequest.of(MODEL, "You are a trading assistant.", "Task: decide.").withSchema(SCHEMA);
  }

  @Test
  void
      givenASchemaRequest_whenCompleted_thenTheBodyCarriesModelMessagesSchemaAndRoutingAndTheHeadersAttribution() {
    LlmReply reply =
        client().complete(decisionRequest().withMaxTokens(800).withReasoningEffort("medium"));

    FakeLlmCall call = llm.requests().getFirst();
    JsonNode body = call.json();
    assertThat(body.path("model").asString()).isEqualTo(MODEL);
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(body.path("messages").get(0).path("content").asString())
        .isEqualTo("You are a trading assistant.");
    assertThat(body.path("messages").get(1).path("role").asString()).isEqualTo("user");
    assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("Task: decide.");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(800);
    assertThat(body.path("reasoning").path("effort").asString()).isEqualTo("medium");
    JsonNode format = body.path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("name").asString()).isEqualTo("tai2_decision");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(format.path("json_schema").path("schema").path("required").size()).isEqualTo(6);
    assertThat(body.path("provider").path("require_parameters").asBoolean()).isTrue();
    assertThat(call.header("Authorization")).contains("Bearer ****");
    assertThat(call.header("HTTP-Referer")).contains("https://github.com/edfoo/tai2");
    assertThat(call.header("X-Title")).contains("tai2");
    assertThat(call.header("X-OpenRouter-Title")).contains("tai2");
    assertThat(call.header("Content-Type")).contains("application/json");
    assertThat(call.status()).isEqualTo(200);
    assertThat(reply.content()).contains("\"action\":\"HOLD\"");
    assertThat(reply.attempts()).isEqualTo(1);
  }

  @Test
  void
      givenAPlainOpenAiCompatibleEndpointWithoutKey_whenCompleted_thenNoKeyNoProviderAndNoEmptySystemMessageAreSent() {
    LlmClientConfig local =
        LlmClientConfig.of(
            URI.create("http://127.0.0.1:" + server.port() + "/api/v1"), Optional.empty());

    LlmException e =
        catchThrowableOfType(
            LlmException.class,
            () -> client(local).complete(LlmRequest.of(MODEL, "", "hi").withSchema(SCHEMA)));

    FakeLlmCall call = llm.requests().getFirst();
    assertThat(local.dialect()).isEqualTo(LlmClientConfig.Dialect.OPENAI_COMPATIBLE);
    assertThat(call.authorized()).isFalse();
    assertThat(call.json().has("provider")).isFalse();
    assertThat(call.json().path("messages").size()).isEqualTo(1);
    assertThat(e.kind())
        .isEqualTo(LlmException.Kind.AUTH); // the fake insists on a key; a local server would not
  }

  @Test
  void
      givenA429WithRetryAfter_whenCompleted_thenTheSleeperIsAskedForThatDelayAndTheRetrySucceeds() {
    llm.failNext(429, 1, 7);
    llm.enqueueReply("{\"action\":\"HOLD\"}");

    LlmReply reply = client().complete(decisionRequest());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(reply.content()).isEqualTo("{\"action\":\"HOLD\"}");
    assertThat(reply.attempts()).isEqualTo(2);
    assertThat(llm.requests()).extracting(FakeLlmCall::status).containsExactly(429, 200);
  }

  @Test
  void givenARetryAfterBeyondTheCap_whenRetried_thenTheWaitIsCappedAtSixtySeconds() {
    llm.failNext(503, 1, 3_600);

    client().complete(decisionRequest());

    assertThat(sleeps).containsExactly(LlmRetry.MAX_RETRY_AFTER);
  }

  @Test
  void
      givenTwo500s_whenCompleted_thenItBacksOffExponentiallyWithJitterAndTheThirdAttemptSucceeds() {
    llm.failNext(500, 2);

    LlmReply reply = client().complete(decisionRequest());

    assertThat(reply.attempts()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_000));
  }

  @Test
  void givenRateLimitsOnEveryAttempt_whenCompleted_thenRateLimitedAfterMaxAttempts() {
    llm.failNext(429, 3, 1);

    LlmException e =
        catchThrowableOfType(LlmException.class, () -> client().complete(decisionRequest()));

    assertThat(e.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED);
    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage()).contains("3 attempts", "Rate limit exceeded");
    assertThat(llm.requests()).hasSize(3);
  }

  @Test
  void givenProviderErrorsOnEveryAttempt_whenCompleted_thenServerErrorAfterMaxAttempts() {
    llm.failNext(502, 3);

    LlmException e =
        catchThrowableOfType(LlmException.class, () -> client().complete(decisionRequest()));

    assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER);
    assertThat(e.providerMessage()).isEqualTo("Provider returned error");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void givenLatencyBeyondTheTimeout_whenCompleted_thenTimeoutAfterEveryAttemptTimedOut() {
    llm.delayNext(Duration.ofMillis(1_500));
    llm.delayNext(Duration.ofMillis(1_500));

    LlmException e =
        catchThrowableOfType(
            LlmException.class,
            () ->
                client(openRouter(KEY).withTimeout(Duration.ofMillis(200)).withMaxAttempts(2))
                    .complete(decisionRequest()));

    assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getMessage()).contains("within 200 ms", "raise the LLM timeout");
  }

  @Test
  void
      givenAnUnknownKey_whenCompleted_thenAuthErrorTellsTheOperatorWhatToSetWithoutRetryOrLeakingTheKey() {
    String wrongKey = "sk-or-v1-wrong-key-9876543210";

    LlmException e =
        catchThrowableOfType(
            LlmException.class, () -> client(openRouter(wrongKey)).complete(decisionRequest()));

    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTH);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage())
        .isEqualTo(
            "OpenRouter rejected the API key (HTTP 401: User not found.): set OPENROUTER_API_KEY to a valid key");
    assertThat(llm.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(e.toString() + e.getMessage() + e.providerMessage())
        .doesNotContain(wrongKey)
        .doesNotContain(KEY);
  }

  @Test
  void givenAConfigWithAKey_whenPrinted_thenTheKeyIsMasked() {
    assertThat(openRouter(KEY).toString()).doesNotContain(KEY).contains("****");
  }

  @Test
  void givenAKeyOutOfCredits_whenCompleted_thenCreditsErrorPointsAtTheCreditsPageWithoutRetry() {
    llm.creditLimit(KEY, BigDecimal.ZERO);

    LlmException e =
        catchThrowableOfType(LlmException.class, () -> client().complete(decisionRequest()));

    assertThat(e.kind()).isEqualTo(LlmException.Kind.CREDITS);
    assertThat(e.getMessage())
        .startsWith("OpenRouter credits exhausted")
        .contains("https://openrouter.ai/credits", "free model");
    assertThat(e.getMessage()).doesNotContain(KEY);
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void
      givenAnUnknownModelOrOneWithoutStructuredOutputs_whenCompleted_thenModelUnavailableWithoutRetry() {
    LlmException unknown =
        catchThrowableOfType(
            LlmException.class, () -> client().complete(LlmRequest.of("acme/none", "", "hi")));
    LlmException filtered =
        catchThrowableOfType(
            LlmException.class,
            () ->
                client()
                    .complete(
                        LlmRequest.of("meta-llama/llama-3.1-8b-instruct", "", "hi")
                            .withSchema(SCHEMA)));

    assertThat(unknown.kind()).isEqualTo(LlmException.Kind.MODEL_UNAVAILABLE);
    assertThat(unknown.httpStatus()).isEqualTo(400);
    assertThat(unknown.getMessage())
        .contains("model acme/none is not available", "pick another model");
    assertThat(filtered.kind()).isEqualTo(LlmException.Kind.MODEL_UNAVAILABLE);
    assertThat(filtered.getMessage()).contains("structured outputs");
    assertThat(llm.requests()).hasSize(2);
  }

  @Test
  void givenAKnownPromptAndReply_whenCompleted_thenUsageCostAndGenerationAreParsed() {
    llm.enqueueReply("12345678");

    LlmReply reply = client().complete(LlmRequest.of(MODEL, "s".repeat(40), "u".repeat(40)));

    assertThat(reply.usage().promptTokens()).hasValue(20);
    assertThat(reply.usage().completionTokens()).hasValue(2);
    assertThat(reply.usage().totalTokens()).hasValue(22);
    assertThat(reply.usage().costUsd())
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0000042"));
    assertThat(reply.generationId()).contains("gen-1");
    assertThat(reply.provider()).contains("OpenAI");
    assertThat(reply.model()).isEqualTo(MODEL);
    assertThat(reply.finishReason()).isEqualTo("stop");
    assertThat(reply.truncated()).isFalse();
  }

  @Test
  void givenEmptyContentOnce_whenCompleted_thenItIsRetriedAndEmptyEveryTimeIsAnEmptyReplyError() {
    llm.emptyNext(1);
    assertThat(client().complete(decisionRequest()).attempts()).isEqualTo(2);

    llm.emptyNext(3);
    LlmException e =
        catchThrowableOfType(LlmException.class, () -> client().complete(decisionRequest()));
    assertThat(e.kind()).isEqualTo(LlmException.Kind.EMPTY_REPLY);
  }

  @Test
  void givenADroppedConnection_whenCompleted_thenItIsRetriedAsANetworkError() {
    llm.dropNext();

    LlmReply reply = client().complete(decisionRequest());

    assertThat(reply.attempts()).isEqualTo(2);
    assertThat(llm.requests()).extracting(FakeLlmCall::status).containsExactly(0, 200);
  }

  @Test
  void givenAHugeReply_whenCompleted_thenTheContentIsCutAtTheMaximumAndFlagged() {
    llm.enqueueReply("x".repeat(LlmClient.MAX_CONTENT_CHARS + 10));

    LlmReply reply = client().complete(LlmRequest.of(MODEL, "", "hi"));

    assertThat(reply.content()).hasSize(LlmClient.MAX_CONTENT_CHARS);
    assertThat(reply.truncated()).isTrue();
  }

  @Test
  void givenAnOpenRouterDialectWithoutKey_whenCompleted_thenNoApiKeyAndNothingIsSent() {
    LlmClientConfig noKey =
        new LlmClientConfig(
            URI.create("https://openrouter.ai/api/v1"),
            Optional.empty(),
            LlmClientConfig.Dialect.of(URI.create("https://openrouter.ai/api/v1")),
            LlmClientConfig.DEFAULT_TIMEOUT,
            3,
            "tai2",
            LlmClientConfig.DEFAULT_REFERER);

    LlmException e =
        catchThrowableOfType(LlmException.class, () -> client(noKey).complete(decisionRequest()));

    assertThat(e.kind()).isEqualTo(LlmException.Kind.NO_API_KEY);
    assertThat(e.attempts()).isZero();
    assertThat(e.getMessage()).contains("set OPENROUTER_API_KEY");
  }

  @Test
  void
      givenTheModelList_whenReadTwiceWithinAnHour_thenTheSecondReadSendsNoRequestAndPricesArePerMillionTokens() {
    LlmClient client = client();

    List<LlmModel> first = client.models();
    List<LlmModel> second = client.models();

    assertThat(second).isSameAs(first);
    assertThat(llm.requests()).hasSize(1);
    LlmModel mini = first.stream().filter(m -> m.id().equals(MODEL)).findFirst().orElseThrow();
    assertThat(mini.promptPricePerMTokens()).isEqualByComparingTo("0.15");
    assertThat(mini.completionPricePerMTokens()).isEqualByComparingTo("0.6");
    assertThat(mini.contextLength()).isEqualTo(128_000);
    assertThat(mini.supportsStructuredOutputs()).isTrue();
    assertThat(first)
        .filteredOn(m -> m.id().equals("meta-llama/llama-3.1-8b-instruct"))
        .extracting(LlmModel::supportsStructuredOutputs)
        .containsExactly(false);
  }

  @Test
  void givenAnExpiredModelCache_whenTheRefreshFails_thenTheLastListIsReturned() {
    LlmClient client = client(openRouter(KEY).withMaxAttempts(1));
    List<LlmModel> cached = client.models();
    clock.advance(LlmClient.MODELS_TTL.plusSeconds(1));
    server.close();

    assertThat(client.models()).isSameAs(cached);
  }

  @Test
  void givenNoCachedModels_whenTheEndpointIsUnreachable_thenNetworkErrorAndNoInventedModels() {
    LlmClient client = client(openRouter(KEY).withMaxAttempts(2));
    server.close();

    LlmException e = catchThrowableOfType(LlmException.class, client::models);

    assertThat(e.kind()).isEqualTo(LlmException.Kind.NETWORK);
    assertThat(e.getMessage()).contains("cannot reach", "OPENROUTER_BASE_URL").doesNotContain(KEY);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void givenSpending_whenTheKeyStatusIsRead_thenUsageAndLimitShowAndPlainEndpointsHaveNone() {
    llm.creditLimit(KEY, new BigDecimal("5"));
    LlmReply reply = client().complete(decisionRequest());

    LlmKeyStatus status = client().keyStatus().orElseThrow();
    Optional<LlmKeyStatus> local =
        client(openRouter(KEY).withDialect(LlmClientConfig.Dialect.OPENAI_COMPATIBLE)).keyStatus();

    BigDecimal cost = reply.usage().costUsd().orElseThrow();
    assertThat(status.usage()).isEqualByComparingTo(cost);
    assertThat(status.usageDaily()).isEqualByComparingTo(cost);
    assertThat(status.limit()).hasValueSatisfying(l -> assertThat(l).isEqualByComparingTo("5"));
    assertThat(status.remaining())
        .hasValueSatisfying(
            r -> assertThat(r).isEqualByComparingTo(new BigDecimal("5").subtract(cost)));
    assertThat(local).isEmpty();
    assertThat(llm.requests()).hasSize(2);
  }

  @Test
  void
      givenSpendingOnAPlainKey_whenCreditsAreRead_thenTheKeyShowsAndTheAccountPartIsANoteUntilTheKeyManages() {
    llm.creditLimit(KEY, new BigDecimal("5"));
    BigDecimal cost = client().complete(decisionRequest()).usage().costUsd().orElseThrow();

    LlmCredits plain = client().credits();
    llm.managementKey(KEY);
    LlmCredits managed = client().credits();

    assertThat(plain.key())
        .hasValueSatisfying(k -> assertThat(k.usage()).isEqualByComparingTo(cost));
    assertThat(plain.keyNote()).isEmpty();
    assertThat(plain.account()).isEmpty();
    assertThat(plain.accountNote())
        .hasValueSatisfying(n -> assertThat(n).startsWith("credits need a management key"));
    assertThat(managed.account())
        .hasValueSatisfying(
            a -> {
              assertThat(a.totalCredits()).isEqualByComparingTo("100");
              assertThat(a.totalUsage()).isEqualByComparingTo(cost);
              assertThat(a.remaining()).isEqualByComparingTo(new BigDecimal("100").subtract(cost));
            });
    assertThat(managed.accountNote()).isEmpty();
  }

  @Test
  void givenNoKeyOrAnEndpointWithoutCredits_whenCreditsAreRead_thenNotesAndNoException() {
    LlmCredits none =
        client(
                LlmClientConfig.of(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1"), Optional.empty()))
            .credits();
    LlmCredits unknownKey = client(openRouter("sk-or-unknown").withMaxAttempts(1)).credits();
    LlmCredits local =
        client(
                LlmClientConfig.of(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1"),
                        Optional.of(Secret.of(KEY)))
                    .withMaxAttempts(1))
            .credits();

    assertThat(none.keyNote()).contains("no API key (set OPENROUTER_API_KEY)");
    assertThat(none.accountNote()).contains("no API key (set OPENROUTER_API_KEY)");
    assertThat(unknownKey.keyNote()).contains("the API key was refused (401)");
    assertThat(local.keyNote())
        .hasValueSatisfying(n -> assertThat(n).startsWith("this endpoint has no /key"));
    assertThat(local.accountNote())
        .hasValueSatisfying(n -> assertThat(n).startsWith("this endpoint has no /credits"));
    assertThat(llm.requests())
        .as(
            "the unknown key's two questions; nothing asked without a key (the fake records only /api/v1)")
        .extracting(FakeLlmCall::path)
        .containsExactly("/api/v1/key", "/api/v1/credits");
  }
}
