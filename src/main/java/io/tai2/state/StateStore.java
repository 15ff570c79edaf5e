package io.tai2.state;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live state shared by the market engine, the web layer and other processes: the latest market snapshot per symbol,
 * the multi-symbol view, small runtime-state documents, and a pub/sub of snapshot updates. Values are JSON documents;
 * their shape belongs to the writer. Implementations: Redis ({@code REDIS_URL}) and in-memory (the default).
 */
public interface StateStore {

  /** Stores the latest snapshot of one symbol and publishes it to subscribers. */
  void putSnapshot(String symbol, String snapshotJson);

  /** The latest snapshot of a symbol, if one was ever stored. */
  Optional<String> snapshot(String symbol);

  /** Stores the multi-symbol view (all tracked symbols in one document) and publishes it. */
  void putMarketView(String viewJson);

  /** The latest multi-symbol view, if one was ever stored. */
  Optional<String> marketView();

  /** Stores a runtime-state document (e.g. risk locks) under a key. */
  void putRuntimeState(String key, String json);

  /** A runtime-state document, if present. */
  Optional<String> runtimeState(String key);

  /** Removes a runtime-state document; absent keys are ignored. */
  void removeRuntimeState(String key);

  /**
   * Subscribes to snapshot and view updates. The listener is called on a store thread, never on the writer's; it
   * must not block for long. Close the subscription to stop.
   */
  Subscription subscribe(Consumer<StateUpdate> listener);

  /** Whether the store can be used right now (for health checks and status lights). */
  boolean isAvailable();

  /** A short name for status displays: "redis" or "memory". */
  String kind();

  /** An active subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
