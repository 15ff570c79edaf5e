package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The fake LLM's opt-in strategy: decisions derived from the prompt it receives, over real HTTP. */
class FakeLlmStrategyTest extends FakeLlmOverHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** tai2's prompt shape: instructions, then the context JSON in a fenced block, as the user message. */
  static String context(String symbol, String last, String tick, String openPositionSide) {
    ObjectNode c = JSON.createObjectNode();
    c.put("symbol", symbol).put("timeframe", "4H");
    c.putObject("instrument").put("tick_size", new BigDecimal(tick));
    c.putObject("market")
        .put("last_price", new BigDecimal(last))
        .put("mark_price", new BigDecimal(last));
    var positions = c.putArray("positions");
    if (openPositionSide != null) {
      positions.addObject().put("symbol", symbol).put("side", openPositionSide).put("contracts", 3);
    }
    positions.addObject().put("symbol", "XRP-USDT-SWAP").put("side", "LONG").put("contracts", 1);
    return "Before choosing BUY, SELL, HOLD or CLOSE ...\n\nContext JSON:\n```json\n" + c + "\n```";
  }

  JsonNode decide(String userText) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("model", "openai/gpt-4o-mini");
    body.putArray("messages")
        .add(JSON.createObjectNode().put("role", "system").put("content", "You are a trader."))
        .add(JSON.createObjectNode().put("role", "user").put("content", userText));
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/chat/completions",
            body.toString(),
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(
        JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asString());
  }

  HttpResponse<String> strategy(String json) throws IOException, InterruptedException {
    return send("POST", "/__sim/llm/strategy", json, "Content-Type", "application/json");
  }

  @Test
  void givenNoStrategy_whenAskedWithAPrompt_thenTheDefaultHoldIsUnchanged() throws Exception {
    JsonNode d = decide(context("BTC-USDT-SWAP", "60000", "0.1", null));

    assertThat(d.path("action").asString()).isEqualTo("HOLD");
  }

  @Test
  void
      givenTheAlternateStrategy_whenOneSymbolAsksTwiceWhileFlat_thenBuyThenSellWithStopAndTargetOnTheCorrectSides()
          throws Exception {
    assertThat(strategy("{\"kind\":\"alternate\",\"stop_pct\":1.0,\"take_pct\":2.0}").statusCode())
        .isEqualTo(200);

    JsonNode buy = decide(context("BTC-USDT-SWAP", "60000.05", "0.1", null));
    JsonNode sell = decide(context("BTC-USDT-SWAP", "60000.05", "0.1", null));

    assertThat(buy.path("action").asString()).isEqualTo("BUY");
    assertThat(buy.path("stop_loss").decimalValue())
        .isEqualByComparingTo("59400"); // 59,400.0495 down to the tick
    assertThat(buy.path("take_profit").decimalValue())
        .isEqualByComparingTo("61200.1"); // 61,200.051 up to the tick
    assertThat(buy.path("equity_pct").decimalValue()).isEqualByComparingTo("0.05");
    assertThat(buy.path("rationale").asString()).contains("BTC-USDT-SWAP");
    assertThat(sell.path("action").asString()).isEqualTo("SELL");
    assertThat(sell.path("stop_loss").decimalValue())
        .isEqualByComparingTo("60600.1"); // 60,600.0505 up to the tick
    assertThat(sell.path("take_profit").decimalValue())
        .isEqualByComparingTo("58800"); // 58,800.049 down to the tick
  }

  @Test
  void givenTheAlternateStrategy_whenTwoSymbolsAsk_thenEachSymbolStartsItsOwnTurnWithItsOwnPrice()
      throws Exception {
    strategy("{\"kind\":\"alternate\",\"stop_pct\":2,\"take_pct\":4}");

    JsonNode btc = decide(context("BTC-USDT-SWAP", "60000", "0.1", null));
    JsonNode eth = decide(context("ETH-USDT-SWAP", "3000", "0.01", null));

    assertThat(btc.path("action").asString()).isEqualTo("BUY");
    assertThat(eth.path("action").asString()).isEqualTo("BUY");
    assertThat(eth.path("stop_loss").decimalValue()).isEqualByComparingTo("2940");
    assertThat(eth.path("take_profit").decimalValue()).isEqualByComparingTo("3120");
  }

  @Test
  void givenAPositionOpenOnTheSymbol_whenAsked_thenClose() throws Exception {
    strategy("{\"kind\":\"long\"}");

    JsonNode d = decide(context("SOL-USDT-SWAP", "150", "0.01", "LONG"));

    assertThat(d.path("action").asString()).isEqualTo("CLOSE");
    assertThat(d.path("stop_loss").isNull()).isTrue();
  }

  @Test
  void givenTheShortStrategy_whenFlat_thenAlwaysSell() throws Exception {
    strategy("{\"kind\":\"short\",\"stop_pct\":1,\"take_pct\":2}");

    assertThat(decide(context("DOGE-USDT-SWAP", "0.2", "0.00001", null)).path("action").asString())
        .isEqualTo("SELL");
    JsonNode again = decide(context("DOGE-USDT-SWAP", "0.2", "0.00001", null));
    assertThat(again.path("action").asString()).isEqualTo("SELL");
    assertThat(again.path("stop_loss").decimalValue()).isEqualByComparingTo("0.202");
    assertThat(again.path("take_profit").decimalValue()).isEqualByComparingTo("0.196");
  }

  @Test
  void givenAStrategyAndAScriptedReply_whenAsked_thenTheScriptedReplyComesFirst() throws Exception {
    strategy("{\"kind\":\"alternate\"}");
    llm.enqueueReply("{\"action\":\"HOLD\",\"confidence\":0.1,\"rationale\":\"scripted\"}");

    assertThat(decide(context("BTC-USDT-SWAP", "60000", "0.1", null)).path("rationale").asString())
        .isEqualTo("scripted");
    assertThat(decide(context("BTC-USDT-SWAP", "60000", "0.1", null)).path("action").asString())
        .isEqualTo("BUY");
  }

  @Test
  void givenAPromptWithoutContextJson_whenAsked_thenHold() throws Exception {
    strategy("{\"kind\":\"alternate\"}");

    JsonNode d = decide("What now?");

    assertThat(d.path("action").asString()).isEqualTo("HOLD");
    assertThat(d.path("rationale").asString()).contains("no context JSON");
  }

  @Test
  void givenTheStrategyDeleted_whenAsked_thenHoldAgain() throws Exception {
    strategy("{\"kind\":\"alternate\"}");
    assertThat(send("DELETE", "/__sim/llm/strategy", "").statusCode()).isEqualTo(200);

    assertThat(decide(context("BTC-USDT-SWAP", "60000", "0.1", null)).path("action").asString())
        .isEqualTo("HOLD");
    assertThat(llm.strategy()).isEmpty();
  }

  @Test
  void givenAnUnknownKindOrADistanceOutOfRange_whenSet_then400AndNothingChanges() throws Exception {
    HttpResponse<String> kind = strategy("{\"kind\":\"martingale\"}");
    HttpResponse<String> distance = strategy("{\"kind\":\"long\",\"stop_pct\":0}");

    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(kind.body()).contains("alternate, long or short");
    assertThat(distance.statusCode()).isEqualTo(400);
    assertThat(llm.strategy()).isEmpty();
  }
}
