package io.tai2.market;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tai2.okx.Candle;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxWsArg;
import io.tai2.okx.OkxWsDecoder;
import io.tai2.okx.OkxWsEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The market engine's per-message hot path on one thread: a WebSocket text frame parsed to JSON, decoded to typed
 * events (the {@code books} channel merged into the full book) and applied to the symbol's state, candles through the
 * indicators. The mix follows one price move of the simulator: ticker, trade, book update, mark price and four candle
 * timeframes. Target: ≥ 200,000 messages/s on one core, i.e. ≤ 5 µs per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WsHotPathBenchmark {

  static final String ID = "BTC-USDT-SWAP";
  static final List<String> TIMEFRAMES = List.of("15m", "1H", "4H", "1D");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MOVES = 20_000;

  private final List<String> frames = new ArrayList<>();
  private final List<OkxWsArg> args = new ArrayList<>();
  private OkxWsDecoder decoder;
  private SymbolFeed feed;
  private int next;
  private int firstMove;
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

  @Setup
  public void frames() {
    Instrument btc =
        new Instrument(
            ID,
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
    feed = new SymbolFeed(btc, TIMEFRAMES, new MarketMetrics(new SimpleMeterRegistry()));
    decoder =
        new OkxWsDecoder(
            arg -> {
              throw new IllegalStateException(
                  "the book lost its sequence: the benchmark frames are wrong");
            });
    long ts = now.toEpochMilli();
    double price = 90_000;
    SplittableRandom random = new SplittableRandom(1);
    add("books", books("snapshot", 400, price, -1, 1, ts));
    for (String tf : TIMEFRAMES) { // candle history, as the REST bootstrap gives it: newest first
      List<Candle> history = new ArrayList<>();
      for (int i = 1; i <= 300; i++) {
        BigDecimal close = BigDecimal.valueOf(price + random.nextGaussian() * 50);
        history.add(
            new Candle(
                Instant.ofEpochMilli(ts - i * 900_000L),
                close,
                close.add(BigDecimal.TEN),
                close.subtract(BigDecimal.TEN),
                close,
                new BigDecimal("1520"),
                new BigDecimal("15.2"),
                new BigDecimal("1368000"),
                true));
      }
      feed.bootstrapCandles(tf, history);
    }
    firstMove = frames.size();
    for (int move = 0; move < MOVES; move++) {
      price = Math.round(price * (1 + random.nextGaussian() * 0.0002) * 10) / 10.0;
      ts += 100;
      add("tickers", ticker(price, ts));
      add("trades", trade(price, random.nextBoolean() ? "buy" : "sell", move, ts));
      add(
          "books",
          books(
              "update", 3, 90_000, move + 1, move + 2, ts)); // sizes change at the top three levels
      add("mark-price", mark(price, ts));
      for (String tf : TIMEFRAMES) {
        add("candle" + tf, candle(tf, ts - ts % 900_000, price, "0"));
      }
    }
    for (int i = 0; i < firstMove; i++) {
      apply(i);
    }
    next = firstMove;
  }

  /** One message: parse, decode, apply. */
  @Benchmark
  public void message(Blackhole blackhole) {
    if (next == frames.size()) {
      next = firstMove; // book seqIds start over: send the snapshot again
      apply(0);
    }
    blackhole.consume(apply(next++));
  }

  private int apply(int index) {
    JsonNode message = JSON.readTree(frames.get(index));
    List<OkxWsEvent> events = decoder.decode(args.get(index), message);
    for (OkxWsEvent event : events) {
      feed.on(event, now, 0);
    }
    return events.size();
  }

  private void add(String channel, String frame) {
    args.add(OkxWsArg.of(channel, ID));
    frames.add(frame);
  }

  private static String arg(String channel) {
    return "{\"channel\":\"" + channel + "\",\"instId\":\"" + ID + "\"}";
  }

  private static String px(double price) {
    return String.format(Locale.ROOT, "%.1f", price);
  }

  private static String ticker(double price, long ts) {
    return "{\"arg\":"
        + arg("tickers")
        + ",\"data\":[{\"instType\":\"SWAP\",\"instId\":\""
        + ID
        + "\",\"last\":\""
        + px(price)
        + "\",\"lastSz\":\"0.5\",\"askPx\":\""
        + px(price + 0.1)
        + "\",\"askSz\":\"12\",\"bidPx\":\""
        + px(price)
        + "\",\"bidSz\":\"9\",\"open24h\":\"89000.1\",\"high24h\":\"91000.5\",\"low24h\":\"88500.2\",\"volCcy24h\":\"1234.5\","
        + "\"vol24h\":\"123450\",\"sodUtc0\":\"89500.1\",\"sodUtc8\":\"89600.3\",\"ts\":\""
        + ts
        + "\"}]}";
  }

  private static String trade(double price, String side, int id, long ts) {
    return "{\"arg\":"
        + arg("trades")
        + ",\"data\":[{\"instId\":\""
        + ID
        + "\",\"tradeId\":\""
        + (1_000_000 + id)
        + "\",\"px\":\""
        + px(price)
        + "\",\"sz\":\"0.3\",\"side\":\""
        + side
        + "\",\"ts\":\""
        + ts
        + "\",\"count\":\"1\",\"seqId\":"
        + id
        + "}]}";
  }

  private static String mark(double price, long ts) {
    return "{\"arg\":"
        + arg("mark-price")
        + ",\"data\":[{\"instType\":\"SWAP\",\"instId\":\""
        + ID
        + "\",\"markPx\":\""
        + px(price)
        + "\",\"ts\":\""
        + ts
        + "\"}]}";
  }

  private static String candle(String tf, long open, double price, String confirm) {
    return "{\"arg\":"
        + arg("candle" + tf)
        + ",\"data\":[[\""
        + open
        + "\",\""
        + px(price - 20)
        + "\",\""
        + px(price + 30)
        + "\",\""
        + px(price - 40)
        + "\",\""
        + px(price)
        + "\",\"1520\",\"15.2\",\"1368000\",\""
        + confirm
        + "\"]]}";
  }

  /** A snapshot of {@code levels} per side around {@code price}, or an update changing that many levels per side. */
  private static String books(
      String action, int levels, double price, long prev, long seq, long ts) {
    StringBuilder asks = new StringBuilder();
    StringBuilder bids = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      String size = Integer.toString(1 + (int) ((seq * 7 + i * 13) % 50));
      asks.append(i == 0 ? "" : ",")
          .append("[\"")
          .append(px(Math.round(price * 10) / 10.0 + 0.1 * (i + 1)))
          .append("\",\"")
          .append(size)
          .append("\",\"0\",\"3\"]");
      bids.append(i == 0 ? "" : ",")
          .append("[\"")
          .append(px(Math.round(price * 10) / 10.0 - 0.1 * i))
          .append("\",\"")
          .append(size)
          .append("\",\"0\",\"2\"]");
    }
    return "{\"arg\":"
        + arg("books")
        + ",\"action\":\""
        + action
        + "\",\"data\":[{\"asks\":["
        + asks
        + "],\"bids\":["
        + bids
        + "],\"ts\":\""
        + ts
        + "\",\"checksum\":0,\"prevSeqId\":"
        + prev
        + ",\"seqId\":"
        + seq
        + "}]}";
  }
}
