package io.tai2.execution;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One execution or reconciliation per symbol at a time. A second one for a busy symbol is refused, not queued: a plan
 * sized before the running order fills would be stale by the time it got its turn. Share one instance between the
 * {@link OrderExecutor} and the {@link Reconciler}.
 */
public final class SymbolLocks {

  // A permit, not a re-entrant lock: "one at a time" must hold whichever thread asks, the holder's
  // included.
  private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();

  /** Takes the symbol if nobody holds it; the caller must {@link #release} it. */
  boolean tryTake(String symbol) {
    return permits.computeIfAbsent(symbol, s -> new Semaphore(1)).tryAcquire();
  }

  void release(String symbol) {
    permits.get(symbol).release();
  }
}
