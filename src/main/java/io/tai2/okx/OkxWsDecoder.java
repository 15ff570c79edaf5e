package io.tai2.okx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns OKX WebSocket data pushes into typed {@link OkxWsEvent}s, keeping each {@code books} subscription's full book
 * from snapshot + updates. A book that loses its sequence or checksum yields a {@link OkxWsEvent.BookReset} and is
 * handed to {@code resync} (which subscribes again for a fresh snapshot). Each book must be fed by one thread at a time.
 */
public final class OkxWsDecoder {

  private static final Logger log = LoggerFactory.getLogger(OkxWsDecoder.class);

  private final Map<String, OkxBook> books = new ConcurrentHashMap<>();
  private final Consumer<OkxWsArg> resync;

  public OkxWsDecoder(Consumer<OkxWsArg> resync) {
    this.resync = resync;
  }

  /** Forgets every book (after a reconnect to other servers). */
  public void clear() {
    books.clear();
  }

  /** The events of one push ({@code {"arg": …, "data": […]}}) of channel {@code arg}. */
  public List<OkxWsEvent> decode(OkxWsArg arg, JsonNode message) {
    JsonNode data = message.path("data");
    boolean snapshot = message.path("eventType").asString("").equals("snapshot");
    List<OkxWsEvent> events = new ArrayList<>(Math.max(1, data.size()));
    switch (arg.channel()) {
      case "tickers" ->
          data.forEach(t -> events.add(new OkxWsEvent.TickerUpdate(OkxJson.ticker(t))));
      case "books" -> events.add(book(arg, message.path("action").asString(""), data.get(0)));
      case "books5", "bbo-tbt" ->
          data.forEach(
              b ->
                  events.add(
                      new OkxWsEvent.BookUpdate(
                          arg.channel(),
                          new OrderBook(
                              arg.instId(),
                              OkxJson.levels(b.path("asks")),
                              OkxJson.levels(b.path("bids")),
                              OkxJson.millis(b.path("ts"))),
                          b.path("seqId").asLong())));
      case "trades" ->
          events.add(new OkxWsEvent.TradesUpdate(data.valueStream().map(OkxJson::trade).toList()));
      case "funding-rate" ->
          data.forEach(f -> events.add(new OkxWsEvent.FundingRateUpdate(OkxJson.fundingRate(f))));
      case "open-interest" ->
          data.forEach(o -> events.add(new OkxWsEvent.OpenInterestUpdate(OkxJson.openInterest(o))));
      case "mark-price" ->
          data.forEach(
              m ->
                  events.add(
                      new OkxWsEvent.MarkPriceUpdate(
                          m.path("instId").asString(),
                          OkxJson.dec(m, "markPx"),
                          OkxJson.millis(m.path("ts")))));
      case "liquidation-orders" ->
          data.forEach(
              l ->
                  l.path("details")
                      .forEach(
                          d ->
                              events.add(
                                  new OkxWsEvent.LiquidationUpdate(
                                      l.path("instId").asString(),
                                      d.path("side").asString(),
                                      d.path("posSide").asString(),
                                      OkxJson.dec(d, "sz"),
                                      OkxJson.dec(d, "bkPx"),
                                      OkxJson.millis(d.path("ts"))))));
      case "account" ->
          data.forEach(a -> events.add(new OkxWsEvent.AccountUpdate(OkxJson.balance(a), snapshot)));
      case "positions" ->
          events.add(
              new OkxWsEvent.PositionsUpdate(
                  data.valueStream().map(OkxJson::position).toList(), snapshot));
      case "orders" ->
          data.forEach(o -> events.add(new OkxWsEvent.OrderUpdate(OkxJson.order(o), fill(o))));
      case "orders-algo" ->
          data.forEach(
              a ->
                  events.add(
                      new OkxWsEvent.AlgoOrderUpdate(
                          OkxJson.algo(a),
                          Optional.of(a.path("actualSide").asString(""))
                              .filter(s -> !s.isEmpty()))));
      default -> {
        if (arg.channel().startsWith("candle")) {
          String bar = arg.channel().substring("candle".length());
          data.forEach(
              row ->
                  events.add(new OkxWsEvent.CandleUpdate(arg.instId(), bar, OkxJson.candle(row))));
        }
      }
    }
    return events;
  }

  private OkxWsEvent book(OkxWsArg arg, String action, JsonNode data) {
    String key = OkxWsConnection.key(arg);
    OkxBook book = books.computeIfAbsent(key, k -> new OkxBook(arg.instId()));
    OkxBook.Outcome outcome = book.apply(action, data);
    if (outcome == OkxBook.Outcome.APPLIED) {
      return new OkxWsEvent.BookUpdate(
          arg.channel(), book.top(OkxWebSocketClient.BOOK_EVENT_DEPTH), book.seqId());
    }
    log.warn("event=okx_ws_book_resync inst_id={} reason={}", arg.instId(), outcome);
    books.remove(key);
    resync.accept(arg);
    return new OkxWsEvent.BookReset(arg.instId(), outcome.name());
  }

  private static Optional<OkxWsEvent.Fill> fill(JsonNode o) {
    if (OkxJson.dec(o, "fillSz").signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new OkxWsEvent.Fill(
            OkxJson.dec(o, "fillPx"),
            OkxJson.dec(o, "fillSz"),
            OkxJson.dec(o, "fillFee"),
            o.path("execType").asString(""),
            o.path("tradeId").asString("")));
  }
}
