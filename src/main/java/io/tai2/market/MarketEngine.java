package io.tai2.market;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tai2.okx.Candle;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsArg;
import io.tai2.okx.OkxWsEvent;
import io.tai2.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a {@link MarketSnapshot} per tracked symbol: instrument rules and candle history from REST at start, then
 * tickers, books, trades, candles, funding, open interest, mark price and liquidations from the WebSocket. Changed
 * snapshots, and a compact view of all symbols, go to the state store every {@code publishEvery}. {@link #track}
 * changes the symbols at runtime: new ones start, removed ones stop and disappear from the view.
 */
public final class MarketEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MarketEngine.class);
  static final Duration INSTRUMENT_REFRESH = Duration.ofHours(1);

  /** The long/short ratio's period (upstream's {@code 5m}). */
  static final String LONG_SHORT_PERIOD = "5m";

  /** The runtime-state key of the account document. */
  public static final String ACCOUNT_KEY = "account";

  static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private final Supplier<OkxMarketData> rest;
  private final OkxWebSocketClient ws;
  private final StateStore store;
  private final Clock clock;
  private final MarketSettings settings;
  private final Map<String, Running> feeds = new ConcurrentHashMap<>();
  private final MarketMetrics metrics;
  private final MarketMeters meters;
  private final AtomicInteger candleLoads = new AtomicInteger();
  private final ScheduledExecutorService publisher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("market-publisher").factory());
  private final ExecutorService bootstrap = Executors.newVirtualThreadPerTaskExecutor();
  private final CandleWarmUp warmUp;
  private volatile Map<String, Instrument> instruments = Map.of();
  private OkxWebSocketClient.Subscription liquidations;
  private volatile AccountFeed account;

  /** A tracked symbol: its state and its WebSocket subscriptions (none while the live WebSocket is off). */
  private record Running(SymbolFeed feed, List<OkxWebSocketClient.Subscription> subscriptions) {}

  private final RestPoller poller;
  private volatile boolean liveWebSocket;
  private volatile Instant instrumentsLoaded = Instant.EPOCH;

  public MarketEngine(
      Supplier<OkxMarketData> rest,
      OkxWebSocketClient ws,
      StateStore store,
      Clock clock,
      MarketSettings settings) {
    this(rest, ws, store, clock, settings, new SimpleMeterRegistry());
  }

  /** As above, with the equity and per-source freshness gauges in {@code registry} (see {@link MarketMeters}). */
  public MarketEngine(
      Supplier<OkxMarketData> rest,
      OkxWebSocketClient ws,
      StateStore store,
      Clock clock,
      MarketSettings settings,
      MeterRegistry registry) {
    this.rest = rest;
    this.warmUp = new CandleWarmUp(rest);
    this.ws = ws;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = new MarketMetrics(registry);
    this.meters =
        new MarketMeters(
            registry, () -> account().map(AccountSnapshot::equityUsd), this::ageSeconds);
    this.liveWebSocket = settings.liveWebSocket();
    this.poller =
        new RestPoller(
            rest,
            clock,
            settings.timeframes(),
            () -> liveWebSocket,
            () -> feeds.values().stream().map(Running::feed).toList(),
            this::refreshInstrumentsIfDue,
            settings.pollEvery());
    long every = settings.publishEvery().toMillis();
    publisher.scheduleWithFixedDelay(this::publish, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The poller's cadence ({@code WS_UPDATE_INTERVAL}): every {@code every} it reads what only REST has (long/short
   * ratio, refreshed instrument specs hourly) and, while the live WebSocket is off, everything else too.
   */
  public synchronized void setPollInterval(Duration every) {
    poller.every(every);
    log.info("event=market_poll_interval seconds={}", every.toSeconds());
  }

  /**
   * Switches the live WebSocket feed at runtime: off closes every market subscription and leaves the data to the
   * poller (freshness shows how old it gets); on subscribes every tracked symbol again.
   */
  public synchronized void setLiveWebSocket(boolean on) {
    if (on == liveWebSocket) {
      return;
    }
    liveWebSocket = on;
    for (Running running : feeds.values()) {
      if (on) {
        subscribe(running);
      } else {
        running.subscriptions().forEach(OkxWebSocketClient.Subscription::close);
        running.subscriptions().clear();
      }
    }
    log.info("event=market_live_websocket enabled={} symbols={}", on, feeds.size());
    if (!on) {
      poller.pollSoon(); // no gap until the next poll
    }
  }

  public boolean liveWebSocket() {
    return liveWebSocket;
  }

  /** The poller's cadence: how old polled data gets while the live WebSocket is off. */
  public Duration pollInterval() {
    return poller.every();
  }

  /**
   * Tracks exactly these symbols (e.g. {@code BTC-USDT-SWAP}): starts the new ones, stops the others. Unknown symbols
   * are refused with the reason; the rest still start.
   *
   * @return the symbols refused, with why
   */
  public synchronized Map<String, String> track(Collection<String> symbols) {
    if (instruments.isEmpty()) {
      loadInstruments();
      liquidations =
          ws.subscribe(OkxWsArg.byType("liquidation-orders", "SWAP"), this::onLiquidation);
    }
    Map<String, String> refused = new LinkedHashMap<>();
    for (String gone : List.copyOf(feeds.keySet())) {
      if (!symbols.contains(gone)) {
        stop(gone);
      }
    }
    for (String symbol : new LinkedHashSet<>(symbols)) {
      if (feeds.containsKey(symbol)) {
        continue;
      }
      Instrument instrument = instruments.get(symbol);
      if (instrument == null) {
        refused.put(symbol, "not an OKX SWAP instrument");
        continue;
      }
      start(instrument);
    }
    refused.forEach(
        (symbol, why) ->
            log.warn("event=market_symbol_refused symbol={} reason=\"{}\"", symbol, why));
    meters.tracked(symbols());
    return refused;
  }

  /** Every OKX swap instrument known (loaded at the first {@link #track}, refreshed hourly), by instrument id. */
  public List<Instrument> instruments() {
    return instruments.values().stream().sorted(Comparator.comparing(Instrument::instId)).toList();
  }

  /** Whether the OKX instrument list has been loaded (the first {@link #track} does it). */
  public boolean instrumentsLoaded() {
    return !instruments.isEmpty();
  }

  /** Counters and timings of this engine. */
  public MarketMetrics metrics() {
    return metrics;
  }

  /** Candle histories still loading over REST (OKX allows 20 requests/s, so 250 symbols × 4 timeframes take ~50 s). */
  public int candleLoadsPending() {
    return candleLoads.get();
  }

  /** The spec of any OKX swap (known once {@link #track} has loaded the instruments). */
  public Optional<Instrument> instrument(String instId) {
    return Optional.ofNullable(instruments.get(instId));
  }

  /** Publishes this account's state with the market (runtime state {@code account}, and in the view). */
  public void attach(AccountFeed feed) {
    this.account = feed;
  }

  /** The account's state, when keys are configured. */
  public Optional<AccountSnapshot> account() {
    return Optional.ofNullable(account).map(AccountFeed::snapshot);
  }

  /** How old {@code source}'s newest data for a tracked symbol is now, in seconds (as in the snapshot's freshness). */
  private OptionalDouble ageSeconds(String symbol, String source) {
    Running running = feeds.get(symbol);
    if (running == null) {
      return OptionalDouble.empty();
    }
    OptionalLong millis = running.feed().ageMillis(source, clock.instant());
    return millis.isPresent()
        ? OptionalDouble.of(millis.getAsLong() / 1000.0)
        : OptionalDouble.empty();
  }

  /** How old {@code source}'s newest data (e.g. {@code ticker}) for a tracked symbol is now; empty if untracked or before any arrived. */
  public Optional<Duration> dataAge(String symbol, String source) {
    Running running = feeds.get(symbol);
    if (running == null) {
      return Optional.empty();
    }
    OptionalLong millis = running.feed().ageMillis(source, clock.instant());
    return millis.isPresent()
        ? Optional.of(Duration.ofMillis(millis.getAsLong()))
        : Optional.empty();
  }

  /** The symbols tracked now. */
  public List<String> symbols() {
    return List.copyOf(feeds.keySet());
  }

  /** Loads (or reloads) every SWAP instrument; tracked symbols take the new specs (tick or lot size may change). */
  private void loadInstruments() {
    Map<String, Instrument> loaded = new LinkedHashMap<>();
    rest.get().instruments("SWAP").forEach(i -> loaded.put(i.instId(), i));
    instruments = loaded;
    instrumentsLoaded = clock.instant();
    feeds.forEach(
        (id, running) -> {
          Instrument now = loaded.get(id);
          if (now == null || !now.state().equals("live")) {
            log.warn(
                "event=market_symbol_not_live symbol={} state={} action=\"remove it from TRADING_PAIRS\"",
                id,
                now == null ? "gone" : now.state());
          }
          if (now != null) {
            running.feed().instrument(now);
          }
        });
  }

  private void start(Instrument instrument) {
    SymbolFeed feed = new SymbolFeed(instrument, settings.timeframes(), metrics);
    String id = instrument.instId();
    Running running = new Running(feed, new ArrayList<>());
    if (liveWebSocket) {
      subscribe(running);
    }
    feeds.put(id, running);
    poller.pollSoon(
        feed); // the long/short ratio at once (and everything, while the WebSocket is off)
    for (String tf : settings.timeframes()) {
      candleLoads.incrementAndGet();
      warmUp.begin(id);
      bootstrap.submit(
          () -> {
            int loaded = 0;
            try {
              List<Candle> candles = warmUp.load(id, tf);
              loaded = candles.size();
              feed.bootstrapCandles(tf, candles);
            } catch (RuntimeException e) {
              log.warn(
                  "event=market_candles_unavailable symbol={} bar={} error=\"{}\" effect=\"indicators fill from the live feed\"",
                  id,
                  tf,
                  e.getMessage());
              feed.bootstrapCandles(tf, List.of());
            } finally {
              candleLoads.decrementAndGet();
              warmUp.done(tf, loaded);
            }
          });
    }
    log.info("event=market_symbol_started symbol={} timeframes={}", id, settings.timeframes());
  }

  private void subscribe(Running running) {
    SymbolFeed feed = running.feed();
    String id = feed.instId;
    for (String channel :
        List.of("tickers", "books", "trades", "funding-rate", "open-interest", "mark-price")) {
      running
          .subscriptions()
          .add(
              ws.subscribe(
                  OkxWsArg.of(channel, id),
                  e -> feed.on(e, clock.instant(), OkxWebSocketClient.receivedNanos())));
    }
    for (String tf : settings.timeframes()) {
      running
          .subscriptions()
          .add(
              ws.subscribe(
                  OkxWsArg.of("candle" + tf, id),
                  e -> feed.on(e, clock.instant(), OkxWebSocketClient.receivedNanos())));
    }
  }

  /** The poller's first step each cycle: the hourly instrument refresh (a failure keeps the loaded specs). */
  private void refreshInstrumentsIfDue() {
    try {
      if (Duration.between(instrumentsLoaded, clock.instant()).compareTo(INSTRUMENT_REFRESH) >= 0
          && !instruments.isEmpty()) {
        loadInstruments();
      }
    } catch (RuntimeException e) {
      log.warn(
          "event=market_instruments_refresh_failed error=\"{}\" effect=\"kept the loaded specs\"",
          e.getMessage());
    }
  }

  private void stop(String symbol) {
    Running running = feeds.remove(symbol);
    if (running != null) {
      running.subscriptions().forEach(OkxWebSocketClient.Subscription::close);
      log.info("event=market_symbol_stopped symbol={}", symbol);
    }
  }

  private void onLiquidation(OkxWsEvent event) {
    if (event instanceof OkxWsEvent.LiquidationUpdate l) {
      Running running = feeds.get(l.instId());
      if (running != null) {
        running.feed().on(l, clock.instant(), OkxWebSocketClient.receivedNanos());
      }
    }
  }

  /** The current snapshot of a tracked symbol. */
  public Optional<MarketSnapshot> snapshot(String symbol) {
    return Optional.ofNullable(feeds.get(symbol))
        .map(
            r ->
                r.feed()
                    .snapshot(clock.instant(), settings.staleAfter(), settings.primaryTimeframe()));
  }

  /** The candle timeframes kept per symbol. */
  public List<String> timeframes() {
    return settings.timeframes();
  }

  /** Funding rate and open interest by minute over the last day (since tracking started), oldest first. */
  public List<DerivativesSeries.Point> derivativesHistory(String symbol) {
    return Optional.ofNullable(feeds.get(symbol))
        .map(r -> r.feed().derivativesHistory())
        .orElse(List.of());
  }

  /** A tracked symbol's candles and indicators of one of the configured timeframes (for charts and prompts). */
  public Optional<CandleHistory> history(String symbol, String timeframe) {
    return Optional.ofNullable(feeds.get(symbol)).map(r -> r.feed().history(timeframe));
  }

  /** Writes every changed snapshot and the view of all symbols; runs on the publisher thread, also callable directly. */
  public void publish() {
    try {
      List<Map<String, Object>> view = new ArrayList<>();
      boolean changed = false;
      for (Running running : feeds.values()) {
        SymbolFeed feed = running.feed();
        long pendingSince = feed.takePending();
        long start = System.nanoTime();
        MarketSnapshot snapshot =
            feed.snapshot(clock.instant(), settings.staleAfter(), settings.primaryTimeframe());
        if (pendingSince != 0) {
          String json = JSON.writeValueAsString(snapshot);
          metrics.snapshotBuild(System.nanoTime() - start);
          store.putSnapshot(feed.instId, json);
          metrics.publishLatency(System.nanoTime() - pendingSince);
          changed = true;
        }
        view.add(summary(snapshot));
      }
      AccountFeed feed = account;
      AccountSnapshot accountState = feed == null ? null : feed.snapshot();
      if (feed != null && feed.takeChanged()) {
        store.putRuntimeState(ACCOUNT_KEY, JSON.writeValueAsString(accountState));
        changed = true;
      }
      if (changed) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("generated_at", clock.instant().toString());
        document.put("symbols", symbols());
        document.put("live_websocket", liveWebSocket);
        document.put("ws_update_interval", poller.every().toSeconds());
        document.put("markets", view);
        document.put("account", accountState);
        store.putMarketView(JSON.writeValueAsString(document));
      }
    } catch (RuntimeException e) {
      log.warn(
          "event=market_publish_failed error=\"{}\" effect=\"retried on the next cycle\"",
          e.toString());
    }
  }

  private static Map<String, Object> summary(MarketSnapshot s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("symbol", s.symbol());
    row.put("last", s.ticker() == null ? null : s.ticker().last());
    row.put("bid", s.ticker() == null ? null : s.ticker().bid());
    row.put("ask", s.ticker() == null ? null : s.ticker().ask());
    row.put("signal", s.strategySignal().action());
    row.put("stale", s.stale());
    return row;
  }

  @Override
  public synchronized void close() {
    publisher.shutdownNow();
    poller.close();
    bootstrap.shutdownNow();
    List.copyOf(feeds.keySet()).forEach(this::stop);
    meters.tracked(List.of());
    if (liquidations != null) {
      liquidations.close();
    }
  }
}
