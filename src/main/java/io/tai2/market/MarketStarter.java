package io.tai2.market;

import io.tai2.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts tracking the configured symbols once the application is up, in the background: when OKX cannot be reached the
 * service still starts, says so, and retries with backoff (up to a minute apart) until it can.
 */
final class MarketStarter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MarketStarter.class);

  private final MarketEngine engine;
  private final Supplier<List<String>> symbols;
  private final Supplier<Optional<AccountFeed>> account;
  private volatile Thread thread;
  private volatile AccountFeed started;
  private volatile boolean tracking;

  /** {@code account} gives the account feed when keys are configured (started once the instruments are known). */
  MarketStarter(
      MarketEngine engine,
      Supplier<List<String>> symbols,
      Supplier<Optional<AccountFeed>> account) {
    this.engine = engine;
    this.symbols = symbols;
    this.account = account;
  }

  @Override
  public void start() {
    thread = Thread.ofVirtual().name("market-starter").start(this::startTracking);
  }

  private void startTracking() {
    Backoff backoff = Backoff.exact(Duration.ofSeconds(2), Duration.ofMinutes(1));
    for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
      Duration wait = backoff.delay(attempt);
      try {
        List<String> pairs = symbols.get();
        engine.track(pairs);
        log.info("event=market_started symbols={}", pairs);
        tracking = true;
        ensureAccountFeed();
        return;
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return; // the service is stopping: the interrupted request is no failure to report
        }
        log.warn(
            "event=market_start_failed error=\"{}\" retry_in_s={} action=\"check OKX_BASE_URL and the network\"",
            e.getMessage(),
            wait.toSeconds());
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Starts the account feed once tracking runs and keys are configured (at start, or when keys are saved later). */
  synchronized void ensureAccountFeed() {
    if (!tracking || started != null) {
      return;
    }
    account
        .get()
        .ifPresent(
            feed -> {
              started = feed.start(MarketConfiguration.ACCOUNT_REFRESH);
              engine.attach(feed);
              log.info(
                  "event=account_feed_started refresh_s={}",
                  MarketConfiguration.ACCOUNT_REFRESH.toSeconds());
            });
  }

  @Override
  public void stop() {
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
    thread = null;
    AccountFeed feed = started;
    if (feed != null) {
      feed.close();
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
