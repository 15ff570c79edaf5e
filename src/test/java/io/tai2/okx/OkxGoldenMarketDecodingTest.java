package io.tai2.okx;

import static io.tai2.okx.GoldenAsserts.millis;
import static io.tai2.okx.GoldenAsserts.same;
import static io.tai2.okx.GoldenAsserts.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The captured public market data replies (books, candles, trades, ticker, time, open interest, instruments) through the
 * real client: every decoded number equals the captured string digit for digit. See {@link OkxGoldenDecodingTest}.
 */
class OkxGoldenMarketDecodingTest {

  static CapturedReplyServer okx;
  static OkxRestClient rest;
  static OkxMarketData market;

  @BeforeAll
  static void start() {
    okx = new CapturedReplyServer();
    rest = okx.client();
    market = new OkxMarketData(rest);
  }

  @AfterAll
  static void stop() {
    okx.close();
  }

  @Test
  void books_everyLevelKeepsPriceSizeAndOrderCount() {
    for (Captures.Reply reply : Captures.replies("GET /api/v5/market/books")) {
      JsonNode raw = reply.data().get(0);
      OrderBook book = serve(reply, () -> market.books("BTC-USDT-SWAP", 5));
      assertLevels(book.asks(), raw.path("asks"));
      assertLevels(book.bids(), raw.path("bids"));
      assertThat(book.ts()).isEqualTo(millis(raw, "ts"));
    }
  }

  @Test
  void candles_everyRowKeepsItsDigitsNewestFirst() {
    Captures.Reply reply = Captures.replies("GET /api/v5/market/history-candles").getFirst();

    assertKeepsEveryRow(reply, serve(reply, () -> market.candles("BTC-USDT", "1H", 3)));
  }

  @Test
  void historyCandles_everyRowKeepsItsDigitsNewestFirst() {
    Captures.Reply reply = Captures.replies("GET /api/v5/market/history-candles").getFirst();

    assertKeepsEveryRow(
        reply, serve(reply, () -> market.historyCandles("BTC-USDT", "1H", 1_700_000_000_000L, 3)));
  }

  private static void assertKeepsEveryRow(Captures.Reply reply, List<Candle> candles) {
    assertThat(candles).hasSize(reply.data().size());
    for (int i = 0; i < candles.size(); i++) {
      JsonNode row = reply.data().get(i);
      Candle c = candles.get(i);
      assertThat(c.ts()).isEqualTo(Instant.ofEpochMilli(Long.parseLong(row.get(0).asString())));
      List<BigDecimal> numbers =
          List.of(c.open(), c.high(), c.low(), c.close(), c.vol(), c.volCcy(), c.volCcyQuote());
      for (int k = 0; k < numbers.size(); k++) {
        same(numbers.get(k), row.get(k + 1));
      }
      assertThat(c.confirmed()).isEqualTo(row.get(8).asString().equals("1"));
    }
    assertThat(candles.getFirst().ts()).isAfter(candles.getLast().ts());
  }

  @Test
  void trades_keepTheirDigits() {
    Captures.Reply reply = Captures.replies("GET /api/v5/market/trades").getFirst();
    JsonNode raw = reply.data().get(0);

    PublicTrade trade = serve(reply, () -> market.trades("BTC-USDT", 1)).getFirst();

    assertThat(trade)
        .isEqualTo(
            new PublicTrade(
                text(raw, "instId"),
                text(raw, "tradeId"),
                new BigDecimal(text(raw, "px")),
                new BigDecimal(text(raw, "sz")),
                text(raw, "side"),
                millis(raw, "ts")));
  }

  @Test
  void ticker_hugePrecisionVolumeSurvives() {
    Captures.Reply reply = Captures.replies("GET /api/v5/market/ticker").getFirst();
    JsonNode raw = reply.data().get(0);

    Ticker t = serve(reply, () -> market.ticker("BTC-USDT"));

    assertThat(t.instId()).isEqualTo(text(raw, "instId"));
    List<BigDecimal> decoded =
        List.of(
            t.last(),
            t.lastSz(),
            t.bidPx(),
            t.bidSz(),
            t.askPx(),
            t.askSz(),
            t.open24h(),
            t.high24h(),
            t.low24h(),
            t.vol24h(),
            t.volCcy24h());
    List<String> fields =
        List.of(
            "last",
            "lastSz",
            "bidPx",
            "bidSz",
            "askPx",
            "askSz",
            "open24h",
            "high24h",
            "low24h",
            "vol24h",
            "volCcy24h");
    for (int i = 0; i < fields.size(); i++) {
      same(decoded.get(i), raw.path(fields.get(i)));
    }
    assertThat(t.volCcy24h().toPlainString()).isEqualTo("1519926359.597266598");
    assertThat(t.ts()).isEqualTo(millis(raw, "ts"));
  }

  @Test
  void serverTime_isTheCapturedMillisecond() {
    Captures.Reply reply = Captures.replies("GET /api/v5/public/time").getFirst();

    assertThat(serve(reply, rest::serverTime)).isEqualTo(millis(reply.data().get(0), "ts"));
  }

  @Test
  void openInterest_hugePrecisionSurvives() {
    Captures.Reply reply = Captures.replies("GET /api/v5/public/open-interest").getFirst();
    JsonNode raw = reply.data().get(0);

    OpenInterest oi = serve(reply, () -> market.openInterest("BTC-USDT-SWAP"));

    same(oi.oi(), raw.path("oi"));
    same(oi.oiCcy(), raw.path("oiCcy"));
    assertThat(oi.oiUsd().toPlainString()).isEqualTo("1676426045.349999124995");
    assertThat(oi.ts()).isEqualTo(millis(raw, "ts"));
  }

  @Test
  void instruments_everyCapturedSwapKeepsItsContractRules() {
    Captures.Reply reply = Captures.replies("GET /api/v5/public/instruments").getFirst();
    List<JsonNode> swaps = reply.data().valueStream().toList();
    okx.replying(reply);

    List<Instrument> decoded = market.instruments("SWAP");

    assertThat(decoded).hasSize(swaps.size());
    for (int i = 0; i < swaps.size(); i++) {
      JsonNode raw = swaps.get(i);
      Instrument in = decoded.get(i);
      assertThat(List.of(in.instId(), in.instType(), in.settleCcy(), in.ctValCcy(), in.state()))
          .containsExactly(
              text(raw, "instId"),
              text(raw, "instType"),
              text(raw, "settleCcy"),
              text(raw, "ctValCcy"),
              text(raw, "state"));
      same(in.ctVal(), raw.path("ctVal"));
      same(in.ctMult(), raw.path("ctMult"));
      same(in.tickSz(), raw.path("tickSz"));
      same(in.lotSz(), raw.path("lotSz"));
      same(in.minSz(), raw.path("minSz"));
      same(in.maxMktSz(), raw.path("maxMktSz"));
      same(in.maxLmtSz(), raw.path("maxLmtSz"));
      same(in.maxLeverage(), raw.path("lever"));
    }
  }

  private static <T> T serve(Captures.Reply reply, Supplier<T> call) {
    okx.replying(reply);
    return call.get();
  }

  private static void assertLevels(List<OrderBook.Level> decoded, JsonNode raw) {
    assertThat(decoded).hasSize(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      same(decoded.get(i).price(), raw.get(i).get(0));
      same(decoded.get(i).size(), raw.get(i).get(1));
      assertThat(decoded.get(i).orders()).isEqualTo(Integer.parseInt(raw.get(i).get(3).asString()));
    }
  }
}
