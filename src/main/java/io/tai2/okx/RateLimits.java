package io.tai2.okx;

import io.tai2.retry.Sleeper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * OKX's per-endpoint request limits (docs/spec/okx-openrouter-protocols.md §2): the client waits on them rather than collect 50011s, and the
 * simulator enforces them per user. Trading endpoints are limited per instrument, the rest per endpoint.
 */
public final class RateLimits {

  /** A limit: {@code requests} per {@code window}. */
  record Limit(int requests, Duration window) {}

  static final Map<String, Limit> LIMITS =
      Map.ofEntries(
          limit("/api/v5/public/time", 10, 2),
          limit("/api/v5/public/instruments", 20, 2),
          limit("/api/v5/market/ticker", 20, 2),
          limit("/api/v5/market/tickers", 20, 2),
          limit("/api/v5/market/books", 40, 2),
          limit("/api/v5/market/candles", 40, 2),
          limit("/api/v5/market/history-candles", 20, 2),
          limit("/api/v5/market/trades", 100, 2),
          limit("/api/v5/public/funding-rate", 10, 2),
          limit("/api/v5/public/funding-rate-history", 10, 2),
          limit("/api/v5/public/open-interest", 20, 2),
          limit("/api/v5/public/mark-price", 10, 2),
          limit("/api/v5/public/position-tiers", 10, 2),
          limit("/api/v5/rubik/stat/contracts/long-short-account-ratio", 5, 2),
          limit("/api/v5/account/balance", 10, 2),
          limit("/api/v5/account/positions", 10, 2),
          limit("/api/v5/account/config", 5, 2),
          limit("/api/v5/account/set-leverage", 20, 2),
          limit("/api/v5/account/set-position-mode", 5, 2),
          limit("/api/v5/account/position/margin-balance", 20, 2),
          limit("/api/v5/account/trade-fee", 5, 2),
          limit("/api/v5/account/bills", 5, 1),
          limit("/api/v5/trade/order", 60, 2),
          limit("/api/v5/trade/cancel-order", 60, 2),
          limit("/api/v5/trade/close-position", 20, 2),
          limit("/api/v5/trade/orders-pending", 60, 2),
          limit("/api/v5/trade/fills", 60, 2),
          limit("/api/v5/trade/order-algo", 20, 2),
          limit("/api/v5/trade/cancel-algos", 20, 2),
          limit("/api/v5/trade/orders-algo-pending", 20, 2),
          limit("/api/v5/trade/orders-algo-history", 20, 2),
          limit("/api/v5/account/leverage-info", 20, 2),
          limit("/api/v5/trade/orders-history", 40, 2),
          limit("/api/v5/asset/transfer", 2, 1),
          limit("/api/v5/asset/balances", 6, 1));

  private static Map.Entry<String, Limit> limit(String path, int requests, int seconds) {
    return Map.entry(path, new Limit(requests, Duration.ofSeconds(seconds)));
  }

  private final LongSupplier millis;
  private final Sleeper sleeper;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param millis a monotonic millisecond ticker (not the wall clock, which can jump or, in tests, stand still)
   */
  RateLimits(LongSupplier millis, Sleeper sleeper) {
    this.millis = millis;
    this.sleeper = sleeper;
  }

  /** Limits on the JVM's monotonic clock, sleeping for real. */
  public static RateLimits monotonic() {
    return new RateLimits(() -> System.nanoTime() / 1_000_000, Sleeper.REAL);
  }

  /** Blocks until a request to this path (and instrument, for trading) may go out. Unknown paths are not limited. */
  void acquire(String path, String instId) throws InterruptedException {
    long wait;
    while ((wait = waitFor("", path, instId)) > 0) {
      sleeper.sleep(Duration.ofMillis(wait));
    }
  }

  /**
   * Takes a request slot for {@code user} (the simulator's side: one set of buckets per user) and answers whether the
   * request is within OKX's limit; never waits.
   */
  public boolean tryAcquire(String user, String path, String instId) {
    return waitFor(user, path, instId) == 0;
  }

  /** 0 when a slot was taken, else the milliseconds until one frees up. */
  private long waitFor(String user, String path, String instId) {
    Limit limit = LIMITS.get(path);
    if (limit == null) {
      return 0;
    }
    String key =
        user
            + "|"
            + (path.startsWith("/api/v5/trade/") && !instId.isEmpty() ? path + "|" + instId : path);
    return buckets
        .computeIfAbsent(key, k -> new TokenBucket(limit, millis.getAsLong()))
        .tryTake(millis.getAsLong());
  }

  /** A bucket refilled continuously at {@code requests / window}. */
  static final class TokenBucket {
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long last;

    TokenBucket(Limit limit, long now) {
      this.capacity = limit.requests();
      this.perMilli = limit.requests() / (double) limit.window().toMillis();
      this.tokens = capacity;
      this.last = now;
    }

    /** Takes a token and returns 0, or returns how many milliseconds to wait before trying again. */
    synchronized long tryTake(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * perMilli);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
    }
  }
}
