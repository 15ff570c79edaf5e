package io.tai2.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The default state store: this process only, lost on restart. */
public final class MemoryStateStore implements StateStore, AutoCloseable {

  private final Map<String, String> snapshots = new ConcurrentHashMap<>();
  private final Map<String, String> runtime = new ConcurrentHashMap<>();
  private volatile String marketView;
  private final SubscriberFanout fanout = new SubscriberFanout("state-memory-fanout");

  @Override
  public void putSnapshot(String symbol, String snapshotJson) {
    snapshots.put(symbol, snapshotJson);
    fanout.publish(new StateUpdate(symbol, snapshotJson));
  }

  @Override
  public Optional<String> snapshot(String symbol) {
    return Optional.ofNullable(snapshots.get(symbol));
  }

  @Override
  public void putMarketView(String viewJson) {
    marketView = viewJson;
    fanout.publish(new StateUpdate(StateUpdate.MARKET_VIEW, viewJson));
  }

  @Override
  public Optional<String> marketView() {
    return Optional.ofNullable(marketView);
  }

  @Override
  public void putRuntimeState(String key, String json) {
    runtime.put(key, json);
  }

  @Override
  public Optional<String> runtimeState(String key) {
    return Optional.ofNullable(runtime.get(key));
  }

  @Override
  public void removeRuntimeState(String key) {
    runtime.remove(key);
  }

  @Override
  public Subscription subscribe(Consumer<StateUpdate> listener) {
    return fanout.add(listener);
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public void close() {
    fanout.close();
  }
}
