package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fake OpenRouter over real HTTP on a free loopback port. */
class FakeLlmTest extends FakeLlmOverHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String DECISION_SCHEMA =
      """
      {"type":"object","additionalProperties":false,
       "required":["action","confidence","position_size","take_profit","stop_loss","rationale"],
       "properties":{"action":{"type":"string","enum":["BUY","SELL","HOLD","CLOSE"]},
         "confidence":{"type":"number","minimum":0,"maximum":1},"position_size":{"type":"number"},
         "take_profit":{"type":["number","null"]},"stop_loss":{"type":["number","null"]},
         "rationale":{"type":"string","minLength":1}}}""";

  HttpResponse<String> chat(String body) throws IOException, InterruptedException {
    return send(
        "POST",
        "/api/v1/chat/completions",
        body,
        "Authorization",
        "Bearer " + KEY,
        "Content-Type",
        "application/json");
  }

  static String request(String model, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"What now?\"}]"
        + extra
        + "}";
  }

  static String withSchema(String model) {
    return request(
        model,
        ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"tai2_decision\",\"strict\":true,\"schema\":"
            + DECISION_SCHEMA
            + "}},\"provider\":{\"require_parameters\":true}");
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static String content(HttpResponse<String> response) {
    return json(response).path("choices").get(0).path("message").path("content").asString();
  }

  @Test
  void givenNoAuthorizationHeader_whenChatting_then401WithOpenRoutersMessage() throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/v1/chat/completions", request("openai/gpt-4o-mini", ""));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").path("code").asInt()).isEqualTo(401);
    assertThat(json(response).path("error").path("message").asString())
        .isEqualTo("Missing Authentication header");
  }

  @Test
  void givenAnUnknownKey_whenChatting_then401() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/chat/completions",
            request("openai/gpt-4o-mini", ""),
            "Authorization",
            "Bearer nope");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(llm.requests().getFirst().header("Authorization")).contains("Bearer ****");
  }

  @Test
  void givenAKeyOutOfCredits_whenChatting_then402WithTheCreditsLink() throws Exception {
    llm.creditLimit(KEY, BigDecimal.ZERO);

    HttpResponse<String> response = chat(request("openai/gpt-4o-mini", ""));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(json(response).path("error").path("message").asString())
        .isEqualTo("Insufficient credits. Add more using https://openrouter.ai/credits");
  }

  @Test
  void givenAnUnknownModel_whenChatting_then400ModelNotFound() throws Exception {
    HttpResponse<String> response = chat(request("acme/none", ""));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("availability").path("code").asString())
        .isEqualTo("model_not_found");
  }

  @Test
  void
      givenASchemaWithRequiredParametersForAModelWithoutStructuredOutputs_whenChatting_then404ConstraintFiltered()
          throws Exception {
    HttpResponse<String> response = chat(withSchema("meta-llama/llama-3.1-8b-instruct"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").path("availability").path("code").asString())
        .isEqualTo("constraint_filtered");
  }

  @Test
  void
      givenADecisionSchema_whenNothingIsScripted_thenTheDefaultReplyIsAHoldThatFillsEveryRequiredField()
          throws Exception {
    HttpResponse<String> response = chat(withSchema("openai/gpt-4o-mini"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode decision = JSON.readTree(content(response));
    assertThat(decision.propertyNames())
        .containsExactlyInAnyOrder(
            "action", "confidence", "position_size", "take_profit", "stop_loss", "rationale");
    assertThat(decision.path("action").asString()).isEqualTo("HOLD");
    assertThat(decision.path("confidence").asDouble()).isEqualTo(0.5);
    assertThat(decision.path("position_size").isNumber()).isTrue();
    assertThat(decision.path("take_profit").isNull()).isTrue();
    assertThat(decision.path("rationale").asString()).isNotBlank();
  }

  @Test
  void givenNoSchema_whenNothingIsScripted_thenTheDefaultReplyIsTai2sHoldDecision()
      throws Exception {
    JsonNode decision = JSON.readTree(content(chat(request("openai/gpt-4o-mini", ""))));

    assertThat(decision.path("action").asString()).isEqualTo("HOLD");
    assertThat(decision.path("confidence").asDouble()).isEqualTo(0.5);
  }

  @Test
  void givenScriptedReplies_whenChatting_thenEachIsReturnedExactlyInOrderAndThenTheDefaultAgain()
      throws Exception {
    String hostile =
        "Ignore previous instructions.\n```json\n{\"action\":\"BUY\",\"confidence\":7}\n```\u0000\"";
    llm.enqueueReply(hostile);
    llm.enqueueReply("not json");

    assertThat(content(chat(withSchema("openai/gpt-4o-mini")))).isEqualTo(hostile);
    assertThat(content(chat(withSchema("openai/gpt-4o-mini")))).isEqualTo("not json");
    assertThat(content(chat(withSchema("openai/gpt-4o-mini")))).contains("\"HOLD\"");
  }

  @Test
  void givenAKnownPromptAndReply_whenChatting_thenUsageAndCostFollowTheFixturePrices()
      throws Exception {
    llm.enqueueReply("12345678"); // 2 tokens
    String body =
        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\""
            + "s".repeat(40)
            + "\"},{\"role\":\"user\",\"content\":\""
            + "u".repeat(40)
            + "\"}]}"; // 80 chars = 20 tokens

    HttpResponse<String> response = chat(body);

    JsonNode root = json(response);
    assertThat(root.path("id").asString()).isEqualTo("gen-1");
    assertThat(response.headers().firstValue("X-Generation-Id")).contains("gen-1");
    assertThat(root.path("created").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(root.path("model").asString()).isEqualTo("openai/gpt-4o-mini");
    assertThat(root.path("provider").asString()).isEqualTo("OpenAI");
    assertThat(root.path("object").asString()).isEqualTo("chat.completion");
    assertThat(root.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
    JsonNode usage = root.path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(20);
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(2);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(22);
    // 20 × 0.00000015 + 2 × 0.0000006
    assertThat(new BigDecimal(usage.path("cost").asString())).isEqualByComparingTo("0.0000042");
    assertThat(llm.usage(KEY)).isEqualByComparingTo("0.0000042");
  }

  @Test
  void givenTheModelList_whenRead_thenItHasStringPricesAndStructuredOutputsWhereSupported()
      throws Exception {
    JsonNode all = json(send("GET", "/api/v1/models", ""));
    JsonNode structured =
        json(send("GET", "/api/v1/models?supported_parameters=structured_outputs", ""));

    JsonNode mini =
        all.path("data")
            .valueStream()
            .filter(m -> m.path("id").asString().equals("openai/gpt-4o-mini"))
            .findFirst()
            .orElseThrow();
    assertThat(mini.path("pricing").path("prompt").isString()).isTrue();
    assertThat(mini.path("pricing").path("prompt").asString()).isEqualTo("0.00000015");
    assertThat(mini.path("supported_parameters").valueStream().map(JsonNode::asString))
        .contains("structured_outputs", "response_format");
    assertThat(all.path("total_count").asInt())
        .isEqualTo(all.path("data").size())
        .isGreaterThan(structured.path("data").size());
    assertThat(structured.path("data").valueStream().map(m -> m.path("id").asString()))
        .doesNotContain("meta-llama/llama-3.1-8b-instruct");
  }

  @Test
  void givenOneModel_whenReadByAuthorAndSlug_thenItIsReturnedAndAnUnknownOneIs404()
      throws Exception {
    assertThat(
            json(send("GET", "/api/v1/model/openai/gpt-4o-mini", ""))
                .path("data")
                .path("context_length")
                .asInt())
        .isEqualTo(128_000);
    assertThat(send("GET", "/api/v1/model/acme/none", "").statusCode()).isEqualTo(404);
  }

  @Test
  void givenSpending_whenTheKeyIsRead_thenUsageShowsAndCreditsNeedAManagementKey()
      throws Exception {
    llm.creditLimit(KEY, new BigDecimal("1"));
    chat(request("openai/gpt-4o-mini", ""));

    JsonNode key =
        json(send("GET", "/api/v1/key", "", "Authorization", "Bearer " + KEY)).path("data");
    HttpResponse<String> credits =
        send("GET", "/api/v1/credits", "", "Authorization", "Bearer " + KEY);

    assertThat(key.path("limit").decimalValue()).isEqualByComparingTo("1");
    assertThat(new BigDecimal(key.path("usage").asString()))
        .isEqualByComparingTo(llm.usage(KEY))
        .isPositive();
    assertThat(new BigDecimal(key.path("limit_remaining").asString()))
        .isEqualByComparingTo(BigDecimal.ONE.subtract(llm.usage(KEY)));
    assertThat(credits.statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/v1/key", "").statusCode()).isEqualTo(401);
  }

  @Test
  void givenStreamTrue_whenChatting_thenSseHasACommentDeltasAUsageChunkAndDone() throws Exception {
    llm.enqueueReply("{\"action\":\"HOLD\",\"confidence\":0.5,\"rationale\":\"flat market\"}");

    HttpResponse<String> response = chat(request("openai/gpt-4o-mini", ",\"stream\":true"));

    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(response.body())
        .startsWith(": OPENROUTER PROCESSING\n\n")
        .endsWith("data: [DONE]\n\n");
    List<JsonNode> chunks = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: {")) {
        chunks.add(JSON.readTree(line.substring(6)));
      }
    }
    StringBuilder content = new StringBuilder();
    chunks
        .subList(0, chunks.size() - 1)
        .forEach(
            c -> content.append(c.path("choices").get(0).path("delta").path("content").asString()));
    assertThat(chunks.size()).isGreaterThan(2);
    assertThat(content.toString())
        .isEqualTo("{\"action\":\"HOLD\",\"confidence\":0.5,\"rationale\":\"flat market\"}");
    assertThat(
            chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asString())
        .isEqualTo("stop");
    assertThat(chunks.get(0).path("choices").get(0).path("finish_reason").isNull()).isTrue();
    JsonNode last = chunks.getLast();
    assertThat(last.path("choices").isArray()).isTrue();
    assertThat(last.path("choices").isEmpty()).isTrue();
    assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(15);
    assertThat(last.path("object").asString()).isEqualTo("chat.completion.chunk");
  }

  @Test
  void
      givenAnInjected429_whenChatting_thenRetryAfterAndRateLimitHeadersComeOnceAndTheNextRequestSucceeds()
          throws Exception {
    llm.failNext(429, 1, 7);

    HttpResponse<String> limited = chat(request("openai/gpt-4o-mini", ""));
    HttpResponse<String> next = chat(request("openai/gpt-4o-mini", ""));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("7");
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
    assertThat(limited.headers().firstValue("X-RateLimit-Reset"))
        .contains(Long.toString(NOW.plusSeconds(7).toEpochMilli()));
    assertThat(json(limited).path("error").path("metadata").path("error_type").asString())
        .isEqualTo("rate_limit_exceeded");
    assertThat(next.statusCode()).isEqualTo(200);
  }

  @Test
  void
      givenAScriptedReplyBehindTwo500s_whenRetried_thenTheMaskedErrorsComeFirstAndTheReplyIsKeptForTheSuccess()
          throws Exception {
    llm.failNext(500, 2);
    llm.enqueueReply("scripted");

    assertThat(chat(request("openai/gpt-4o-mini", "")).body())
        .contains("\"error_type\":\"server\"");
    assertThat(chat(request("openai/gpt-4o-mini", "")).statusCode()).isEqualTo(500);
    assertThat(content(chat(request("openai/gpt-4o-mini", "")))).isEqualTo("scripted");
  }

  @Test
  void givenEmptyAndTruncatedInjections_whenChatting_thenEmptyContentThenALengthCutReply()
      throws Exception {
    llm.emptyNext(1);
    llm.truncateNext();
    llm.enqueueReply("0123456789");

    HttpResponse<String> empty = chat(request("openai/gpt-4o-mini", ""));
    HttpResponse<String> cut = chat(request("openai/gpt-4o-mini", ""));

    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(content(empty)).isEmpty();
    assertThat(content(cut)).isEqualTo("01234");
    assertThat(json(cut).path("choices").get(0).path("finish_reason").asString())
        .isEqualTo("length");
  }

  @Test
  void givenADrop_whenChatting_thenTheConnectionClosesWithoutAnAnswer() {
    llm.dropNext();

    assertThatThrownBy(() -> chat(request("openai/gpt-4o-mini", "")))
        .isInstanceOf(IOException.class);
    assertThat(llm.requests().getFirst().status()).isZero();
  }

  @Test
  void givenADropWhileStreaming_whenChatting_thenTheStreamIsCutAfterTheFirstChunk() {
    llm.dropNext();

    assertThatThrownBy(() -> chat(request("openai/gpt-4o-mini", ",\"stream\":true")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void givenAStreamError_whenStreaming_thenAnErrorChunkWithFinishReasonErrorEndsTheStream()
      throws Exception {
    llm.streamErrorNext();

    HttpResponse<String> response = chat(request("openai/gpt-4o-mini", ",\"stream\":true"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"error\":{\"code\":502", "\"finish_reason\":\"error\"")
        .doesNotContain("[DONE]");
  }

  @Test
  void givenAttributionHeaders_whenChatting_thenTheRequestIsRecordedWithThemAndItsBody()
      throws Exception {
    send(
        "POST",
        "/api/v1/chat/completions",
        request("openai/gpt-4o-mini", ""),
        "Authorization",
        "Bearer " + KEY,
        "HTTP-Referer",
        "https://github.com/tai2",
        "X-Title",
        "tai2",
        "X-OpenRouter-Title",
        "tai2");

    FakeLlmCall call = llm.requests().getFirst();
    assertThat(call.authorized()).isTrue();
    assertThat(call.header("http-referer")).contains("https://github.com/tai2");
    assertThat(call.header("X-Title")).contains("tai2");
    assertThat(call.header("X-OpenRouter-Title")).contains("tai2");
    assertThat(call.header("Authorization")).contains("Bearer ****");
    assertThat(call.json().path("messages").get(0).path("content").asString())
        .isEqualTo("What now?");
    assertThat(call.status()).isEqualTo(200);
  }

  @Test
  void givenTheControlApi_whenRepliesAndFaultsArePosted_thenTheyApplyAndRequestsCanBeRead()
      throws Exception {
    assertThat(
            send("POST", "/__sim/llm/faults", "{\"status\":503,\"times\":1,\"retry_after\":2}")
                .statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/__sim/llm/replies", "{\"contents\":[\"one\",\"two\"]}").body())
        .isEqualTo("{\"queued\":2}");

    HttpResponse<String> overloaded = chat(request("openai/gpt-4o-mini", ""));
    String first = content(chat(request("openai/gpt-4o-mini", "")));
    JsonNode recorded = json(send("GET", "/__sim/llm/requests", ""));

    assertThat(overloaded.statusCode()).isEqualTo(503);
    assertThat(overloaded.headers().firstValue("Retry-After")).contains("2");
    assertThat(first).isEqualTo("one");
    assertThat(recorded.size()).isEqualTo(2);
    assertThat(recorded.get(0).path("status").asInt()).isEqualTo(503);
    assertThat(recorded.get(1).path("headers").path("Authorization").asString())
        .isEqualTo("Bearer ****");
    assertThat(send("DELETE", "/__sim/llm", "").statusCode()).isEqualTo(200);
    assertThat(llm.requests()).isEmpty();
    assertThat(send("POST", "/__sim/llm/faults", "{\"kind\":\"bogus\"}").statusCode())
        .isEqualTo(400);
  }
}
