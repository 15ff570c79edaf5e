package io.tai2.market;

import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxWsEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market's REST poller ({@code WS_UPDATE_INTERVAL}): every cycle it reads what only REST has (the long/short
 * ratio) for each tracked symbol and, while the live WebSocket is off, everything else too — ticker, book, funding,
 * open interest, mark price and the newest candles — as the same events the WebSocket would have delivered. A failing
 * symbol or source is logged and keeps its last value; the others go on.
 */
final class RestPoller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestPoller.class);

  private final Supplier<OkxMarketData> rest;
  private final Clock clock;
  private final List<String> timeframes;
  private final BooleanSupplier liveWebSocket;
  private final Supplier<Collection<SymbolFeed>> feeds;
  private final Runnable beforeEachCycle;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("market-poller").factory());
  private ScheduledFuture<?> polling;
  private volatile Duration every;

  /**
   * @param feeds the tracked symbols now, read at each cycle
   * @param beforeEachCycle runs first in each cycle (the engine's hourly instrument refresh)
   */
  RestPoller(
      Supplier<OkxMarketData> rest,
      Clock clock,
      List<String> timeframes,
      BooleanSupplier liveWebSocket,
      Supplier<Collection<SymbolFeed>> feeds,
      Runnable beforeEachCycle,
      Duration every) {
    this.rest = rest;
    this.clock = clock;
    this.timeframes = timeframes;
    this.liveWebSocket = liveWebSocket;
    this.feeds = feeds;
    this.beforeEachCycle = beforeEachCycle;
    every(every);
  }

  /** Polls every {@code every} from now on: the running schedule is cancelled and a new one starts. */
  synchronized void every(Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, was " + every);
    }
    this.every = every;
    if (polling != null) {
      polling.cancel(false);
    }
    polling =
        poller.scheduleWithFixedDelay(
            this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  Duration every() {
    return every;
  }

  /** A cycle now, off the schedule (e.g. the WebSocket was just switched off: no gap until the next poll). */
  void pollSoon() {
    poller.execute(this::poll);
  }

  /** One symbol now (a symbol just started: its long/short ratio at once). */
  void pollSoon(SymbolFeed feed) {
    poller.execute(() -> pollSymbol(feed));
  }

  /** One cycle over every tracked symbol. */
  void poll() {
    beforeEachCycle.run();
    for (SymbolFeed feed : List.copyOf(feeds.get())) {
      pollSymbol(feed);
    }
  }

  private void pollSymbol(SymbolFeed feed) {
    try {
      read(feed);
    } catch (RuntimeException e) { // a throwing task would never run again
      if (!poller.isShutdown()) {
        log.warn(
            "event=market_poll_failed symbol={} error=\"{}\" effect=\"retried on the next poll\"",
            feed.instId,
            e.toString());
      }
    }
  }

  private void read(SymbolFeed feed) {
    String id = feed.instId;
    OkxMarketData okx = rest.get();
    readInto(
        feed,
        "long_short_ratio",
        () ->
            feed.longShortRatio(
                okx.longShortRatio(feed.coin(), MarketEngine.LONG_SHORT_PERIOD),
                MarketEngine.LONG_SHORT_PERIOD));
    if (liveWebSocket.getAsBoolean()) {
      return;
    }
    Instant now = clock.instant();
    readInto(
        feed,
        "ticker",
        () -> feed.on(new OkxWsEvent.TickerUpdate(okx.ticker(id)), now, System.nanoTime()));
    readInto(
        feed,
        "books",
        () ->
            feed.on(
                new OkxWsEvent.BookUpdate("books", okx.books(id, SymbolFeed.BOOK_DEPTH), 0),
                now,
                System.nanoTime()));
    readInto(
        feed,
        "funding",
        () ->
            feed.on(new OkxWsEvent.FundingRateUpdate(okx.fundingRate(id)), now, System.nanoTime()));
    readInto(
        feed,
        "open_interest",
        () ->
            feed.on(
                new OkxWsEvent.OpenInterestUpdate(okx.openInterest(id)), now, System.nanoTime()));
    readInto(
        feed,
        "mark_price",
        () ->
            feed.on(
                new OkxWsEvent.MarkPriceUpdate(id, okx.markPrice(id), clock.instant()),
                now,
                System.nanoTime()));
    for (String tf : timeframes) {
      readInto(
          feed,
          "candles",
          () ->
              okx.candles(id, tf, 2)
                  .reversed()
                  .forEach(
                      c ->
                          feed.on(new OkxWsEvent.CandleUpdate(id, tf, c), now, System.nanoTime())));
    }
  }

  private void readInto(SymbolFeed feed, String source, Runnable read) {
    try {
      read.run();
    } catch (RuntimeException e) {
      if (poller.isShutdown()) {
        return; // closing: the interrupted request is no failure
      }
      log.warn(
          "event=market_poll_failed symbol={} source={} error=\"{}\" effect=\"kept the last value; retried on the next poll\"",
          feed.instId,
          source,
          e.getMessage());
    }
  }

  boolean closed() {
    return poller.isShutdown();
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
