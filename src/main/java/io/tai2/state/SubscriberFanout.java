package io.tai2.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers updates to local subscribers on one dispatcher thread, in publication order, so writers (and Redis's event
 * loop) never wait for a listener; a listener that throws is logged and the others still get the update.
 */
final class SubscriberFanout implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SubscriberFanout.class);

  private final Set<Consumer<StateUpdate>> listeners = ConcurrentHashMap.newKeySet();
  private final ExecutorService dispatcher;

  SubscriberFanout(String name) {
    dispatcher =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
  }

  StateStore.Subscription add(Consumer<StateUpdate> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void publish(StateUpdate update) {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      dispatcher.execute(() -> deliver(update));
    } catch (RejectedExecutionException e) {
      log.debug("event=state_update_dropped reason=closed symbol={}", update.symbol());
    }
  }

  private void deliver(StateUpdate update) {
    for (Consumer<StateUpdate> listener : listeners) {
      try {
        listener.accept(update);
      } catch (RuntimeException e) {
        log.warn(
            "event=state_listener_failed symbol={} error=\"{}\"", update.symbol(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    listeners.clear();
    dispatcher.shutdownNow();
  }
}
