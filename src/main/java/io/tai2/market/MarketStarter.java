package io.tai2.market;

import java.time.Duration;
import java.util.List;
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
  private final List<String> symbols;
  private volatile Thread thread;

  MarketStarter(MarketEngine engine, List<String> symbols) {
    this.engine = engine;
    this.symbols = List.copyOf(symbols);
  }

  @Override
  public void start() {
    thread = Thread.ofVirtual().name("market-starter").start(this::startTracking);
  }

  private void startTracking() {
    Duration wait = Duration.ofSeconds(2);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        engine.track(symbols);
        log.info("event=market_started symbols={}", symbols);
        return;
      } catch (RuntimeException e) {
        log.warn("event=market_start_failed error=\"{}\" retry_in_s={} action=\"check OKX_BASE_URL and the network\"", e.getMessage(), wait.toSeconds());
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait.multipliedBy(2);
    }
  }

  @Override
  public void stop() {
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
