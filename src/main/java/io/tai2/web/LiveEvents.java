package io.tai2.web;

import io.tai2.history.DecisionLogChanged;
import io.tai2.history.SchedulerOutcomeSaved;
import io.tai2.state.StateStore;
import io.tai2.state.StateUpdate;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans live updates out to browsers over Server-Sent Events. Each browser gets a bounded queue drained by its own
 * virtual thread, so a slow or dead browser never delays the store's publisher or other browsers.
 */
@Component
class LiveEvents implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
  static final int MAX_CLIENTS = 32;
  static final int QUEUE_CAPACITY = 256;
  static final long HEARTBEAT_SECONDS = 15;
  private static final long EMITTER_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(30);

  private final StateStore store;
  private final Clock clock;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService heartbeat;
  private StateStore.Subscription subscription;
  private volatile boolean running;

  LiveEvents(StateStore store) {
    this.store = store;
    this.clock = Clock.systemUTC();
  }

  /** A named event for the browser ({@code event:} and {@code data:} lines). */
  record LiveEvent(String name, String data) {}

  /** Registers a browser; when full, the oldest connection is closed to make room. */
  SseEmitter connect() {
    SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
    if (clients.size() >= MAX_CLIENTS) {
      clients.stream().findAny().ifPresent(Client::close);
    }
    Client client = new Client(emitter);
    clients.add(client);
    emitter.onCompletion(client::close);
    emitter.onTimeout(client::close);
    emitter.onError(e -> client.close());
    client.offer(new LiveEvent("hello", "{\"server_time\":\"" + clock.instant() + "\"}"));
    Thread.ofVirtual().name("sse-client").start(client::drain);
    return emitter;
  }

  int clientCount() {
    return clients.size();
  }

  void broadcast(LiveEvent event) {
    clients.forEach(c -> c.offer(event));
  }

  @EventListener
  void onDecision(DecisionLogChanged changed) {
    broadcast(new LiveEvent("decision", "{\"id\":\"" + changed.id() + "\"}"));
  }

  @EventListener
  void onSchedulerOutcome(SchedulerOutcomeSaved saved) {
    broadcast(new LiveEvent("scheduler", "{\"symbol\":\"" + saved.symbol() + "\"}"));
  }

  private void onStateUpdate(StateUpdate update) {
    broadcast(new LiveEvent(update.isMarketView() ? "market" : "snapshot", update.json()));
  }

  @Override
  public void start() {
    subscription = store.subscribe(this::onStateUpdate);
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sse-heartbeat").factory());
    heartbeat.scheduleAtFixedRate(
        () ->
            broadcast(new LiveEvent("heartbeat", "{\"server_time\":\"" + clock.instant() + "\"}")),
        HEARTBEAT_SECONDS,
        HEARTBEAT_SECONDS,
        TimeUnit.SECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (subscription != null) {
      subscription.close();
    }
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
    clients.forEach(Client::close);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private final class Client {
    private final SseEmitter emitter;
    private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean closed;

    Client(SseEmitter emitter) {
      this.emitter = emitter;
    }

    void offer(LiveEvent event) {
      // Drop the oldest update rather than grow without bound: a newer state supersedes it.
      while (!queue.offer(event)) {
        queue.poll();
      }
    }

    void drain() {
      try {
        while (!closed) {
          LiveEvent event = queue.poll(1, TimeUnit.SECONDS);
          if (event != null) {
            emitter.send(SseEmitter.event().name(event.name()).data(event.data()));
          }
        }
      } catch (IOException | IllegalStateException e) {
        log.debug("event=sse_client_gone reason=\"{}\"", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        close();
      }
    }

    void close() {
      if (!closed) {
        closed = true;
        clients.remove(this);
        emitter.complete();
      }
    }
  }
}
