package io.tai2.okx;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One OKX WebSocket service (public, private or business) kept alive: connects, logs in when it has keys, subscribes
 * everything wanted, sends {@code ping} after {@code pingAfter} of silence and reconnects when no {@code pong} comes,
 * when the server closes or errors, or on a 64008 upgrade notice — with exponential backoff and jitter — then logs in
 * and resubscribes again. Every data push goes to {@code onPush} on the socket's thread, which must not block.
 */
final class OkxWsConnection {

  private static final Logger log = LoggerFactory.getLogger(OkxWsConnection.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Args per subscribe request; OKX caps one request at 64 KB. */
  private static final int ARGS_PER_REQUEST = 50;

  private static final long FLUSH_DELAY_MS = 20;

  private final OkxWsArg.Service service;
  private final OkxWsConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Consumer<JsonNode> onPush;
  private final BiConsumer<OkxWsArg, JsonNode> onSubscribeError;
  private final Consumer<OkxWsArg> onSubscribed;
  private final Consumer<OkxWsState> onState;

  /** Guarded by {@code this}. */
  private final Map<String, OkxWsArg> wanted = new LinkedHashMap<>();

  private final Map<String, List<OkxWsArg>> pendingRequests = new LinkedHashMap<>();

  /** Subscribe/unsubscribe operations not sent yet, in order; flushed together so many symbols cost few requests. */
  private final List<Map.Entry<String, OkxWsArg>> outbox = new ArrayList<>();

  private boolean flushScheduled;

  /** The last frame handed to the socket: the JDK WebSocket refuses a send while the previous one is pending. */
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  private WebSocket socket;
  private int generation;
  private int attempt;
  private int requestIds;
  private boolean ready;
  private OkxWsState state = OkxWsState.DISCONNECTED;
  private volatile long lastReceivedNanos = System.nanoTime();
  private volatile long pingSentNanos;
  private long connects;
  private final ScheduledFuture<?> keepAliveTask;

  OkxWsConnection(
      OkxWsArg.Service service,
      OkxWsConfig config,
      Clock clock,
      HttpClient http,
      ScheduledExecutorService scheduler,
      Consumer<JsonNode> onPush,
      BiConsumer<OkxWsArg, JsonNode> onSubscribeError,
      Consumer<OkxWsArg> onSubscribed,
      Consumer<OkxWsState> onState) {
    this.service = service;
    this.config = config;
    this.clock = clock;
    this.http = http;
    this.scheduler = scheduler;
    this.onPush = onPush;
    this.onSubscribeError = onSubscribeError;
    this.onSubscribed = onSubscribed;
    this.onState = onState;
    long tick = Math.max(50, Math.min(1000, config.pingAfter().toMillis() / 4));
    keepAliveTask =
        scheduler.scheduleWithFixedDelay(this::keepAlive, tick, tick, TimeUnit.MILLISECONDS);
    connect();
  }

  synchronized OkxWsState state() {
    return state;
  }

  /** How many times a socket was opened (1 = never reconnected). */
  synchronized long connects() {
    return connects;
  }

  synchronized void subscribe(OkxWsArg arg) {
    if (wanted.putIfAbsent(key(arg), arg) == null && ready) {
      enqueue("subscribe", arg);
    }
  }

  synchronized void unsubscribe(OkxWsArg arg) {
    if (wanted.remove(key(arg)) != null && ready) {
      enqueue("unsubscribe", arg);
    }
  }

  /** Unsubscribes and subscribes again: OKX then sends a fresh snapshot (book resync). */
  synchronized void resubscribe(OkxWsArg arg) {
    if (ready && wanted.containsKey(key(arg))) {
      enqueue("unsubscribe", arg);
      enqueue("subscribe", arg);
    }
  }

  /**
   * Queues an operation and flushes shortly after: OKX allows 480 subscribe/unsubscribe requests per connection per
   * hour, so symbols started together (250 symbols × 10 channels) share requests of up to 50 args.
   */
  private void enqueue(String op, OkxWsArg arg) {
    outbox.add(Map.entry(op, arg));
    if (!flushScheduled) {
      flushScheduled = true;
      scheduler.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void flush() {
    flushScheduled = false;
    if (!ready) {
      outbox.clear(); // becomeReady() subscribes everything wanted
      return;
    }
    List<OkxWsArg> batch = new ArrayList<>();
    String batchOp = null;
    for (Map.Entry<String, OkxWsArg> op : outbox) {
      if (batchOp != null && (!batchOp.equals(op.getKey()) || batch.size() == ARGS_PER_REQUEST)) {
        send(batchOp, batch);
        batch = new ArrayList<>();
      }
      batchOp = op.getKey();
      batch.add(op.getValue());
    }
    if (batchOp != null) {
      send(batchOp, batch);
    }
    outbox.clear();
  }

  static String key(OkxWsArg arg) {
    return arg.channel() + "|" + arg.instId() + "|" + arg.instType();
  }

  private synchronized void connect() {
    if (state == OkxWsState.CLOSED) {
      return;
    }
    int gen = ++generation;
    ready = false;
    setState(state == OkxWsState.LOGIN_FAILED ? OkxWsState.LOGIN_FAILED : OkxWsState.CONNECTING);
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(config.url(service), new Listener(gen))
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                log.warn(
                    "event=okx_ws_connect_failed service={} url={} error=\"{}\"",
                    service,
                    config.url(service),
                    error.getMessage());
                lost(gen);
              } else {
                opened(gen, ws);
              }
            });
  }

  private synchronized void opened(int gen, WebSocket ws) {
    if (gen != generation || state == OkxWsState.CLOSED) {
      ws.abort();
      return;
    }
    socket = ws;
    sending = CompletableFuture.completedFuture(null);
    connects++;
    lastReceivedNanos = System.nanoTime();
    pingSentNanos = 0;
    boolean login = config.keys().isPresent() && service != OkxWsArg.Service.PUBLIC;
    if (login) {
      OkxKeys keys = config.keys().get();
      String ts = Long.toString(clock.millis() / 1000);
      Map<String, String> arg = new LinkedHashMap<>();
      arg.put("apiKey", keys.apiKey());
      arg.put("passphrase", keys.passphrase());
      arg.put("timestamp", ts);
      arg.put("sign", OkxSigner.signWebSocketLogin(keys.secretKey(), ts));
      sendText(JSON.writeValueAsString(Map.of("op", "login", "args", List.of(arg))));
    } else {
      becomeReady();
    }
  }

  private void becomeReady() {
    ready = true;
    attempt = 0;
    setState(OkxWsState.CONNECTED);
    outbox.clear(); // everything wanted is subscribed below
    List<OkxWsArg> all = new ArrayList<>(wanted.values());
    for (int from = 0; from < all.size(); from += ARGS_PER_REQUEST) {
      send("subscribe", all.subList(from, Math.min(all.size(), from + ARGS_PER_REQUEST)));
    }
  }

  private void send(String op, List<OkxWsArg> args) {
    String id = Integer.toString(++requestIds);
    if (op.equals("subscribe")) {
      pendingRequests.put(id, List.copyOf(args));
      if (pendingRequests.size() > 1000) {
        pendingRequests.remove(pendingRequests.keySet().iterator().next());
      }
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("id", id);
    request.put("op", op);
    request.put("args", args.stream().map(OkxWsArg::json).toList());
    sendText(JSON.writeValueAsString(request));
  }

  /** Sends after the previous frame went out (one frame in flight at a time, as the JDK WebSocket requires). */
  private synchronized void sendText(String text) {
    WebSocket ws = socket;
    sending =
        sending
            .handle((ignored, error) -> null)
            .thenCompose(ignored -> ws.sendText(text, true))
            .whenComplete(
                (ignored, error) -> {
                  if (error != null) {
                    log.debug(
                        "event=okx_ws_send_failed service={} error=\"{}\"",
                        service,
                        error.toString());
                  }
                });
  }

  /** Called on the socket's thread for every complete text frame. */
  private void received(int gen, String text) {
    lastReceivedNanos = System.nanoTime();
    pingSentNanos = 0;
    if (text.equals("pong")) {
      return;
    }
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JacksonException e) {
      log.warn(
          "event=okx_ws_bad_message service={} text=\"{}\"",
          service,
          text.length() > 200 ? text.substring(0, 200) : text);
      return;
    }
    if (message.has("event")) {
      control(gen, message);
    } else if (message.has("arg") && message.has("data")) {
      onPush.accept(message);
    }
  }

  private synchronized void control(int gen, JsonNode message) {
    if (gen != generation) {
      return;
    }
    String event = message.path("event").asString();
    switch (event) {
      case "login" -> {
        if (message.path("code").asString("0").equals("0")) {
          becomeReady();
        }
      }
      case "subscribe" -> {
        JsonNode arg = message.path("arg");
        onSubscribed.accept(
            new OkxWsArg(
                arg.path("channel").asString(""),
                arg.path("instId").asString(""),
                arg.path("instType").asString("")));
      }
      case "error" -> error(message);
      case "notice" -> {
        log.info(
            "event=okx_ws_notice service={} code={} msg=\"{}\"",
            service,
            message.path("code").asString(),
            message.path("msg").asString());
        if (message.path("code").asString().equals("64008")) {
          reconnectNow();
        }
      }
      case "channel-conn-count-error" ->
          log.warn(
              "event=okx_ws_too_many_connections service={} channel={}",
              service,
              message.path("channel").asString());
      default -> {}
    }
  }

  private void error(JsonNode message) {
    String code = message.path("code").asString("");
    if (!ready && code.startsWith("600")) {
      // A login error: the keys are wrong. Retry slowly so a fixed configuration is picked up.
      log.error(
          "event=okx_ws_login_failed service={} code={} msg=\"{}\" action=\"check OKX_API_KEY/OKX_SECRET_KEY/OKX_PASSPHRASE and the demo flag\"",
          service,
          code,
          message.path("msg").asString());
      setState(OkxWsState.LOGIN_FAILED);
      attempt = Integer.MAX_VALUE / 2;
      socket.abort();
      lost(generation);
      return;
    }
    List<OkxWsArg> args =
        Optional.ofNullable(pendingRequests.remove(message.path("id").asString("")))
            .orElse(List.of());
    log.warn(
        "event=okx_ws_error service={} code={} msg=\"{}\" args={}",
        service,
        code,
        message.path("msg").asString(),
        args);
    for (OkxWsArg arg : args) {
      wanted.remove(key(arg));
      onSubscribeError.accept(arg, message);
    }
  }

  /** Sends {@code ping} after {@code pingAfter} of silence; reconnects when the pong does not come in time. */
  private void keepAlive() {
    synchronized (this) {
      if (!ready || socket == null) {
        return;
      }
    }
    long now = System.nanoTime();
    long sent = pingSentNanos;
    if (sent != 0 && now - sent > config.pongTimeout().toNanos()) {
      log.warn(
          "event=okx_ws_no_pong service={} waited_ms={}", service, config.pongTimeout().toMillis());
      reconnectNow();
    } else if (sent == 0 && now - lastReceivedNanos > config.pingAfter().toNanos()) {
      pingSentNanos = now;
      sendText("ping");
    }
  }

  private synchronized void reconnectNow() {
    if (socket != null) {
      socket.abort();
    }
    lost(generation);
  }

  /** The socket of generation {@code gen} is gone: schedule the next attempt with backoff and jitter. */
  private synchronized void lost(int gen) {
    if (gen != generation || state == OkxWsState.CLOSED) {
      return;
    }
    generation++; // late callbacks of the lost socket are ignored from now on
    ready = false;
    if (state != OkxWsState.LOGIN_FAILED) {
      setState(OkxWsState.DISCONNECTED);
    }
    attempt = Math.min(attempt + 1, 30);
    long delay = config.reconnect().delay(attempt).toMillis();
    log.info("event=okx_ws_reconnect service={} attempt={} delay_ms={}", service, attempt, delay);
    scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void setState(OkxWsState next) {
    if (state != next) {
      state = next;
      onState.accept(next);
    }
  }

  synchronized void close() {
    setState(OkxWsState.CLOSED);
    ready = false;
    keepAliveTask.cancel(false);
    WebSocket last = socket;
    if (last != null) {
      last.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((ws, e) -> last.abort());
    }
  }

  /** Receives one socket's frames; stale generations are ignored. */
  private final class Listener implements WebSocket.Listener {
    private final int gen;
    private final StringBuilder partial = new StringBuilder();

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          received(gen, text);
        } catch (RuntimeException e) {
          log.error(
              "event=okx_ws_handler_failed service={} error=\"{}\"", service, e.toString(), e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      log.info("event=okx_ws_closed service={} code={} reason=\"{}\"", service, statusCode, reason);
      lost(gen);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      log.warn("event=okx_ws_error service={} error=\"{}\"", service, error.toString());
      lost(gen);
    }
  }
}
