package io.tai2.okx;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * OKX WebSocket channels as typed events (docs/spec/okx-openrouter-protocols.md §8). One connection per service, opened when the first channel of
 * that service is subscribed and kept alive by {@link OkxWsConnection}. Every listener gets its own bounded queue and
 * virtual thread: a slow listener loses its oldest events (counted in {@link Subscription#dropped()}) and never blocks
 * the socket or the other listeners. {@code books} is maintained here from snapshot + updates and resynced on a
 * sequence gap. {@link #reconfigure} swaps URLs or keys at runtime and resubscribes everything.
 */
public final class OkxWebSocketClient implements AutoCloseable {

  /** Levels per side in a {@link OkxWsEvent.BookUpdate}. */
  public static final int BOOK_EVENT_DEPTH = 50;

  /** Events a listener may fall behind before its oldest are dropped. */
  public static final int LISTENER_QUEUE = 1024;

  private static final ScopedValue<Long> RECEIVED = ScopedValue.newInstance();

  /**
   * In a listener: {@link System#nanoTime()} when the message behind the current event came off the socket (for
   * latency measurements that include the listener queue); elsewhere: now.
   */
  public static long receivedNanos() {
    return RECEIVED.isBound() ? RECEIVED.get() : System.nanoTime();
  }

  private static final Logger log = LoggerFactory.getLogger(OkxWebSocketClient.class);

  /** A live subscription; closing it stops the events (and the OKX subscription when it was the last listener). */
  public interface Subscription extends AutoCloseable {
    /** Events dropped because this listener fell behind. */
    long dropped();

    @Override
    void close();
  }

  private final Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("okx-ws-timer").factory());
  private final Map<String, List<Dispatcher>> listeners = new ConcurrentHashMap<>();
  private final Map<String, OkxWsArg> args = new ConcurrentHashMap<>();
  private final Map<OkxWsArg.Service, OkxWsConnection> connections =
      new EnumMap<>(OkxWsArg.Service.class);
  private final Map<OkxWsArg.Service, OkxWsState> states = new ConcurrentHashMap<>();
  private final OkxWsDecoder decoder = new OkxWsDecoder(this::resync);
  private OkxWsConfig config;

  public OkxWebSocketClient(OkxWsConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts delivering a channel's events to {@code listener}.
   *
   * @throws IllegalStateException for a private channel when no keys are configured
   */
  public synchronized Subscription subscribe(OkxWsArg arg, Consumer<OkxWsEvent> listener) {
    if (arg.needsLogin() && config.keys().isEmpty()) {
      throw new IllegalStateException(
          "channel "
              + arg.channel()
              + " needs OKX API keys (OKX_API_KEY, OKX_SECRET_KEY, OKX_PASSPHRASE)");
    }
    String key = OkxWsConnection.key(arg);
    Dispatcher dispatcher = new Dispatcher(key, listener);
    listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(dispatcher);
    args.put(key, arg);
    connection(arg.service()).subscribe(arg);
    return dispatcher;
  }

  private synchronized void unsubscribe(Dispatcher dispatcher) {
    List<Dispatcher> list = listeners.get(dispatcher.key);
    if (list == null || !list.remove(dispatcher) || !list.isEmpty()) {
      return;
    }
    listeners.remove(dispatcher.key);
    OkxWsArg arg = args.remove(dispatcher.key);
    OkxWsConnection connection = connections.get(arg.service());
    if (connection != null) {
      connection.unsubscribe(arg);
    }
  }

  private OkxWsConnection connection(OkxWsArg.Service service) {
    return connections.computeIfAbsent(
        service,
        s ->
            new OkxWsConnection(
                s,
                config,
                clock,
                http,
                scheduler,
                this::push,
                this::subscriptionFailed,
                arg ->
                    deliver(
                        OkxWsConnection.key(arg),
                        List.of(new OkxWsEvent.Subscribed(arg)),
                        System.nanoTime()),
                state -> states.put(s, state)));
  }

  /** Replaces URLs and/or keys: closes every connection and opens new ones with all current subscriptions. */
  public synchronized void reconfigure(OkxWsConfig next) {
    connections.values().forEach(OkxWsConnection::close);
    connections.clear();
    decoder.clear();
    config = next;
    log.info(
        "event=okx_ws_reconfigured public={} keys={}",
        next.publicUrl(),
        next.keys().isPresent() ? "set" : "none");
    for (OkxWsArg arg : List.copyOf(args.values())) {
      if (arg.needsLogin() && next.keys().isEmpty()) {
        subscriptionFailed(arg, "no-keys", "the new configuration has no OKX API keys");
      } else {
        connection(arg.service()).subscribe(arg);
      }
    }
  }

  /** The state of every service connection opened so far. */
  public Map<OkxWsArg.Service, OkxWsState> status() {
    return Map.copyOf(states);
  }

  /** How many sockets a service has opened (1 = never reconnected); 0 when never used. */
  public synchronized long connects(OkxWsArg.Service service) {
    OkxWsConnection connection = connections.get(service);
    return connection == null ? 0 : connection.connects();
  }

  private void subscriptionFailed(OkxWsArg arg, JsonNode error) {
    subscriptionFailed(arg, error.path("code").asString(""), error.path("msg").asString(""));
  }

  private void subscriptionFailed(OkxWsArg arg, String code, String message) {
    deliver(
        OkxWsConnection.key(arg),
        List.of(new OkxWsEvent.SubscriptionFailed(arg, code, message)),
        System.nanoTime());
  }

  /** A data push, on the socket's thread: decode, keep books, hand to the listeners' queues. */
  private void push(JsonNode message) {
    long received = System.nanoTime();
    JsonNode arg = message.path("arg");
    OkxWsArg pushed =
        new OkxWsArg(
            arg.path("channel").asString(""),
            arg.path("instId").asString(""),
            arg.path("instType").asString(""));
    try {
      deliver(OkxWsConnection.key(pushed), decoder.decode(pushed, message), received);
    } catch (RuntimeException e) {
      log.warn(
          "event=okx_ws_unreadable_push channel={} inst_id={} error=\"{}\"",
          pushed.channel(),
          pushed.instId(),
          e.toString());
    }
  }

  /** A book lost its sequence: subscribe again for a fresh snapshot. */
  private void resync(OkxWsArg arg) {
    String key = OkxWsConnection.key(arg);
    OkxWsConnection connection;
    synchronized (this) {
      connection = connections.get(arg.service());
    }
    if (connection != null) {
      connection.resubscribe(args.getOrDefault(key, arg));
    }
  }

  private void deliver(String key, List<OkxWsEvent> events, long receivedNanos) {
    List<Dispatcher> targets = listeners.get(key);
    if (targets == null) {
      return;
    }
    for (OkxWsEvent event : events) {
      Queued queued = new Queued(event, receivedNanos);
      targets.forEach(d -> d.offer(queued));
    }
  }

  private record Queued(OkxWsEvent event, long receivedNanos) {}

  @Override
  public synchronized void close() {
    connections.values().forEach(OkxWsConnection::close);
    connections.clear();
    listeners.values().forEach(list -> list.forEach(Dispatcher::stop));
    listeners.clear();
    scheduler.shutdownNow();
    http.close();
  }

  /** One listener's queue and thread. */
  private final class Dispatcher implements Subscription {
    final String key;
    private final Consumer<OkxWsEvent> listener;
    private final ArrayBlockingQueue<Queued> queue = new ArrayBlockingQueue<>(LISTENER_QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

    Dispatcher(String key, Consumer<OkxWsEvent> listener) {
      this.key = key;
      this.listener = listener;
      this.thread = Thread.ofVirtual().name("okx-ws-listener-" + key).start(this::run);
    }

    void offer(Queued event) {
      while (!queue.offer(event)) {
        if (queue.poll() != null) {
          dropped.incrementAndGet();
        }
      }
    }

    private void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Queued next = queue.take();
          try {
            ScopedValue.where(RECEIVED, next.receivedNanos())
                .run(() -> listener.accept(next.event()));
          } catch (RuntimeException e) {
            log.error("event=okx_ws_listener_failed key={} error=\"{}\"", key, e.toString(), e);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public long dropped() {
      return dropped.get();
    }

    void stop() {
      thread.interrupt();
    }

    @Override
    public void close() {
      stop();
      unsubscribe(this);
    }
  }
}
