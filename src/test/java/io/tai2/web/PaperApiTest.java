package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.OrderPlan;
import io.tai2.okx.Instrument;
import io.tai2.paper.PaperBook;
import io.tai2.paper.PaperDesk;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.testsupport.HttpProbe;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * /api/paper over HTTP against the real {@link PaperDesk}: books filled through {@link PaperBook#fill} as the dry run and a
 * shadow fill them, their round trips, the reset and its refusals. OKX points at a closed port, so no live price moves a book.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "DATABASE_URL=jdbc:h2:mem:paper-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "OKX_BASE_URL=http://127.0.0.1:9",
      "OKX_WS_PUBLIC_URL=ws://127.0.0.1:9/ws/v5/public",
      "OKX_WS_PRIVATE_URL=ws://127.0.0.1:9/ws/v5/private",
      "OKX_WS_BUSINESS_URL=ws://127.0.0.1:9/ws/v5/business",
    })
class PaperApiTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final Instrument BTC_SWAP =
      new Instrument(
          BTC,
          "SWAP",
          "USDT",
          new BigDecimal("0.01"),
          BigDecimal.ONE,
          "BTC",
          new BigDecimal("0.1"),
          new BigDecimal("0.01"),
          new BigDecimal("0.01"),
          new BigDecimal("10000"),
          new BigDecimal("100000"),
          new BigDecimal("100"),
          "live");
  static final ReasoningSettings.Shadow SHADOW =
      new ReasoningSettings.Shadow(
          "anthropic/claude-haiku", UUID.fromString("11111111-1111-4111-8111-111111111111"));

  @LocalServerPort int port;
  @Autowired PaperDesk desk;
  @Autowired JdbcClient jdbc;
  HttpProbe http;

  /** Every book starts again from 10,000 USDT with no positions and no round trips. */
  @BeforeEach
  void freshBooks() {
    http = new HttpProbe(port);
    desk.books().forEach(b -> desk.reset(b.name(), PaperBook.DEFAULT_EQUITY));
    jdbc.sql("DELETE FROM paper_trades").update();
  }

  /** A market order as an approved plan fills it: {@code contracts} of BTC at {@code price}, 10×, with a stop and a take-profit. */
  static String buy(PaperBook book, String contracts, String price, String stop, String take) {
    OrderPlan plan =
        new OrderPlan(
            UUID.randomUUID(),
            BTC,
            "buy",
            "net",
            "cross",
            "market",
            new BigDecimal(contracts),
            false,
            Optional.of(new BigDecimal(stop)),
            Optional.of(new BigDecimal(take)),
            BigDecimal.TEN,
            new BigDecimal(price),
            Instant.now(),
            "test");
    return book.fill(plan, BTC_SWAP, new BigDecimal(price), Instant.now());
  }

  JsonNode read(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return HttpProbe.JSON.readTree(r.body());
  }

  JsonNode book(JsonNode books, String name) {
    for (JsonNode b : books.path("books")) {
      if (b.path("name").asString().equals(name)) {
        return b;
      }
    }
    throw new AssertionError("no book " + name + " in " + books);
  }

  @Test
  void
      givenADryRunPositionAndAShadowBook_whenBooksAreRead_thenEachShowsItsSourceMoneyAndPositionsWithStopAndTake() {
    buy(
        desk.paper(),
        "100",
        "60000",
        "57000",
        "66000"); // 1 BTC on 10,000 USDT of cross margin: liquidated ~10,000 USDT lower
    buy(desk.shadow(SHADOW), "2", "60000", "58000", "64000");

    JsonNode books = read(http.get("/api/paper"), 200);

    assertThat(books.path("live_execution").asBoolean(true))
        .as("live execution is off by default")
        .isFalse();
    assertThat(books.path("books").get(0).path("name").asString())
        .as("the dry run first")
        .isEqualTo("paper");
    JsonNode paper = book(books, "paper");
    assertThat(paper.path("source").asString()).isEqualTo("paper");
    assertThat(paper.path("initial_equity_usdt").decimalValue()).isEqualByComparingTo("10000");
    assertThat(paper.path("equity_usdt").isNumber()).as("money is a number").isTrue();
    assertThat(paper.path("pnl_usdt").decimalValue())
        .isEqualByComparingTo(
            paper.path("equity_usdt").decimalValue().subtract(new BigDecimal("10000")));
    assertThat(paper.path("fees_paid_usdt").decimalValue())
        .as("0.05 % of 1 BTC at 60,030")
        .isEqualByComparingTo("30.015");
    assertThat(paper.path("lock").isNull()).isTrue();
    assertThat(paper.path("started_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    JsonNode p = paper.path("positions").get(0);
    assertThat(p.path("symbol").asString()).isEqualTo(BTC);
    assertThat(p.path("side").asString()).isEqualTo("long");
    assertThat(p.path("contracts").decimalValue()).isEqualByComparingTo("100");
    assertThat(p.path("entry_price").decimalValue())
        .as("5 bps of slippage against the buy")
        .isEqualByComparingTo("60030");
    assertThat(p.path("mark_price").decimalValue()).isEqualByComparingTo("60030");
    assertThat(p.path("stop_loss").decimalValue()).isEqualByComparingTo("57000");
    assertThat(p.path("take_profit").decimalValue()).isEqualByComparingTo("66000");
    assertThat(p.path("leverage").decimalValue()).isEqualByComparingTo("10");
    assertThat(p.path("liquidation_price").decimalValue())
        .isBetween(new BigDecimal("49000"), new BigDecimal("51000"));
    assertThat(p.path("upl_usdt").decimalValue()).isEqualByComparingTo("0");

    JsonNode shadow = book(books, PaperDesk.shadowBook(SHADOW));
    assertThat(shadow.path("source").asString()).isEqualTo("shadow");
    assertThat(shadow.path("positions").get(0).path("contracts").decimalValue())
        .isEqualByComparingTo("2");
  }

  @Test
  void
      givenAnOpenPaperPosition_whenTheBookIsReset_thenItIsFlattenedAsAResetRoundTripAndTheBookRestartsWithTheNewEquity() {
    buy(desk.paper(), "5", "60000", "57000", "66000");
    JsonNode open = read(http.get("/api/paper/trades?book=paper"), 200).path("items");
    assertThat(open.size()).isEqualTo(1);
    assertThat(open.get(0).path("open").asBoolean()).isTrue();
    assertThat(open.get(0).path("exit_time").isNull()).isTrue();
    assertThat(open.get(0).path("source").asString()).isEqualTo("paper");

    JsonNode reset =
        read(http.postJson("/api/paper/reset", "{\"book\":\"paper\",\"equity_usdt\":2500}"), 200);

    assertThat(reset.path("name").asString()).isEqualTo("paper");
    assertThat(reset.path("equity_usdt").decimalValue()).isEqualByComparingTo("2500");
    assertThat(reset.path("initial_equity_usdt").decimalValue()).isEqualByComparingTo("2500");
    assertThat(reset.path("pnl_usdt").decimalValue()).isEqualByComparingTo("0");
    assertThat(reset.path("positions").size()).isZero();
    assertThat(desk.paper().heldSymbols()).isEmpty();
    JsonNode trades = read(http.get("/api/paper/trades?book=paper&limit=10"), 200).path("items");
    assertThat(trades.size()).isEqualTo(1);
    JsonNode closed = trades.get(0);
    assertThat(closed.path("open").asBoolean()).isFalse();
    assertThat(closed.path("exit_reason").asString()).isEqualTo("reset");
    assertThat(closed.path("exit_price").decimalValue())
        .as("flattened at its last price")
        .isEqualByComparingTo("60030");
    assertThat(closed.path("pnl_usdt").decimalValue()).as("the fees of both legs").isNegative();
    assertThat(closed.path("fees_usdt").decimalValue()).isPositive();
    assertThat(closed.path("mfe_pct").decimalValue()).isEqualByComparingTo("0");
    assertThat(closed.path("mae_pct").decimalValue()).isEqualByComparingTo("0");
    assertThat(
            read(http.get("/api/paper"), 200)
                .path("books")
                .get(0)
                .path("equity_usdt")
                .decimalValue())
        .isEqualByComparingTo("2500");
  }

  @Test
  void givenTwoBooksWithRoundTrips_whenTradesAreRead_thenNewestFirstAndTheBookFilterAndLimitApply()
      throws InterruptedException {
    buy(desk.paper(), "1", "60000", "57000", "66000");
    Thread.sleep(5);
    buy(desk.shadow(SHADOW), "2", "61000", "58000", "64000");

    JsonNode all = read(http.get("/api/paper/trades"), 200).path("items");
    assertThat(all.size()).isEqualTo(2);
    assertThat(all.get(0).path("book").asString())
        .as("newest entry first")
        .isEqualTo(PaperDesk.shadowBook(SHADOW));
    assertThat(all.get(0).path("source").asString()).isEqualTo("shadow");
    assertThat(read(http.get("/api/paper/trades?limit=1"), 200).path("items").size()).isEqualTo(1);
    String shadowOnly =
        "/api/paper/trades?book="
            + URLEncoder.encode(PaperDesk.shadowBook(SHADOW), StandardCharsets.UTF_8);
    JsonNode shadow = read(http.get(shadowOnly), 200).path("items");
    assertThat(shadow.size()).isEqualTo(1);
    assertThat(shadow.get(0).path("contracts").decimalValue()).isEqualByComparingTo("2");
  }

  @Test
  void givenBadResets_whenPosted_thenEachIsA4xxNamingTheFieldAndNothingChanges() {
    buy(desk.paper(), "5", "60000", "57000", "66000");

    assertThat(
            read(
                    http.postJson(
                        "/api/paper/reset", "{\"book\":\"shadow: nobody\",\"equity_usdt\":1000}"),
                    404)
                .path("field")
                .asString())
        .isEqualTo("book");
    assertThat(
            read(http.postJson("/api/paper/reset", "{\"equity_usdt\":1000}"), 400)
                .path("field")
                .asString())
        .isEqualTo("book");
    assertThat(
            read(
                    http.postJson("/api/paper/reset", "{\"book\":\"paper\",\"equity_usdt\":9.99}"),
                    400)
                .path("field")
                .asString())
        .isEqualTo("equity_usdt");
    assertThat(
            read(
                    http.postJson(
                        "/api/paper/reset", "{\"book\":\"paper\",\"equity_usdt\":100000001}"),
                    400)
                .path("field")
                .asString())
        .isEqualTo("equity_usdt");
    assertThat(
            read(
                    http.postJson(
                        "/api/paper/reset", "{\"book\":\"paper\",\"equity_usdt\":\"5000\"}"),
                    400)
                .path("field")
                .asString())
        .as("a string for a number")
        .isEqualTo("equity_usdt");
    assertThat(
            read(http.postJson("/api/paper/reset", "{\"book\":\"paper\",\"equity\":5000}"), 400)
                .path("field")
                .asString())
        .as("an unknown field")
        .isEqualTo("equity");
    assertThat(
            read(http.postJson("/api/paper/reset", "{\"book\":\"paper\""), 400)
                .path("status")
                .asInt())
        .as("broken JSON")
        .isEqualTo(400);
    assertThat(http.postForm("/api/paper/reset", "book=paper").statusCode())
        .as("not JSON")
        .isEqualTo(415);
    assertThat(
            http.postJson(
                    "/api/paper/reset",
                    "{\"book\":\"paper\"}",
                    "Origin",
                    "http://127.0.0.1:" + port,
                    "Sec-Fetch-Site",
                    "same-origin")
                .statusCode())
        .as("a browser without the CSRF token")
        .isEqualTo(403);

    assertThat(desk.paper().heldSymbols()).as("nothing was reset").containsExactly(BTC);
    assertThat(read(http.get("/api/paper/trades?limit=0"), 400).path("field").asString())
        .isEqualTo("limit");
    assertThat(read(http.get("/api/paper/trades?book=nobody"), 404).path("field").asString())
        .isEqualTo("book");
    assertThat(read(http.get("/api/paper/trades?books=paper"), 400).path("field").asString())
        .isEqualTo("books");
  }

  @Test
  void
      givenPaperRoundTrips_whenThePagesRender_thenLiveAndHistoryMarkThemPaperAndTheExchangeTableFragmentLeavesThemOut() {
    buy(desk.paper(), "5", "60000", "57000", "66000");
    buy(desk.shadow(SHADOW), "2", "60000", "58000", "64000");

    String live = http.get("/live/paper").body();
    assertThat(live).contains("data-book=\"paper\"", "badge-shadow", "57,000", "66,000", "60,030");
    String history = http.get("/history").body();
    assertThat(history)
        .contains(
            "id=\"paper-trades\"", ">PAPER<", ">SHADOW<", "anthropic/claude-haiku @ 11111111");
    var table = http.get("/history/table");
    assertThat(table.statusCode()).isEqualTo(200);
    assertThat(table.body()).contains("id=\"history-table\"").doesNotContain("paper-trades");
  }
}
