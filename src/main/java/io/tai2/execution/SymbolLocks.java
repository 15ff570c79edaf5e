package io.tai2.execution;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution or reconciliation per symbol at a time. A second one for a busy symbol is refused, not queued: a plan
 * sized before the running order fills would be stale by the time it got its turn. Share one instance between the
 * {@link OrderExecutor} and the {@link Reconciler}.
 */
public final class SymbolLocks {

  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Takes the symbol if nobody holds it; the caller must {@link #release} it. */
  boolean tryTake(String symbol) {
    return locks.computeIfAbsent(symbol, s -> new ReentrantLock()).tryLock();
  }

  void release(String symbol) {
    locks.get(symbol).unlock();
  }
}
