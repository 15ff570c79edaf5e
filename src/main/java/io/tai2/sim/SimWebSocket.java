package io.tai2.sim;

import static io.tai2.sim.SimWsFrames.error;
import static io.tai2.sim.SimWsFrames.event;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's WebSocket service (docs/spec/okx-openrouter-protocols.md §8, §12.6), independent of the server that carries it: login,
 * subscribe/unsubscribe with one ack per arg, {@code ping}/{@code pong}, public pushes on every price move and on
 * timers, private pushes on every account change, the 30 s idle close, and the WebSocket faults of §12.7. This class
 * keeps the connections and routes requests and pushes to them; the login checks are {@link SimWsLogin}'s, the private
 * channels' contents {@link SimAccountPushes}', the market channels' {@link SimWsFeed}'s, the event frames
 * {@link SimWsFrames}'.
 */
public final class SimWebSocket implements AutoCloseable {

  /** Subscribe + unsubscribe + login requests one connection may make per hour (then {@code 60014}). */
  static final int OPERATIONS_PER_HOUR = 480;

  /** Connections one user may subscribe to one private channel (docs/spec/okx-openrouter-protocols.md §8.2). */
  static final int PRIVATE_CONNECTIONS_PER_CHANNEL = 30;

  private final SimExchange exchange;
  private final SimWsLogin login;
  private final SimAccountPushes accountPushes;
  private final SimWsFeed feed;
  private final Set<SimWsSession> sessions = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService timer;
  private volatile Duration idleTimeout = Duration.ofSeconds(30);

  SimWebSocket(
      Clock clock,
      SimMarket market,
      SimMarketEndpoints endpoints,
      SimExchange exchange,
      SimTradingEndpoints trading,
      SimPositionEndpoints positions,
      Map<String, SimAccount> accounts) {
    this.exchange = exchange;
    this.login = new SimWsLogin(clock, accounts);
    this.accountPushes = new SimAccountPushes(exchange, trading, positions);
    this.feed = new SimWsFeed(clock, market, endpoints);
    market.onPriceChange(() -> publicPushes(SimWsFeed.Reason.PRICE));
    exchange.onChange(this::privatePushes);
  }

  /** Closes connections that had no push for this long with {@code 4004} (zero or negative: never). Default 30 s. */
  public void idleTimeout(Duration timeout) {
    idleTimeout = timeout;
  }

  /** How often {@code funding-rate} pushes (OKX: every 30–90 s). */
  public void fundingEvery(Duration every) {
    feed.fundingEvery = every;
  }

  /** After how long without a change a {@code books} subscription gets an empty heartbeat update (OKX: ~60 s). */
  public void bookHeartbeat(Duration every) {
    feed.bookHeartbeat = every;
  }

  /** Real CRC32 checksums on {@code books} (OKX before 2026-06-23) instead of 0. */
  public void legacyChecksum(boolean legacy) {
    feed.legacyChecksum = legacy;
  }

  /** Open connections (for tests and the control API). */
  public int connections() {
    return sessions.size();
  }

  SimWsSession open(SimWsSession.Service service, SimWsSession.Peer peer) {
    synchronized (sessions) {
      if (timer == null) {
        timer =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("sim-ws-timer").factory());
        timer.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
      }
    }
    SimWsSession session = new SimWsSession(service, peer);
    sessions.add(session);
    return session;
  }

  void closed(SimWsSession session) {
    sessions.remove(session);
    session.disconnected();
  }

  void onText(SimWsSession session, String text) {
    if (text.equals("ping")) {
      session.send("pong");
      return;
    }
    JsonNode request;
    try {
      request = SimWsFrames.read(text);
    } catch (JacksonException e) {
      session.send(error(null, "60012", "Invalid request: " + text, session));
      return;
    }
    String id = request.path("id").isString() ? request.path("id").asString() : null;
    String op = request.path("op").asString("");
    if (!List.of("login", "subscribe", "unsubscribe").contains(op)) {
      session.send(error(id, "60019", "Invalid op: " + op, session));
      return;
    }
    // One lock order everywhere: exchange, then session (the exchange pushes account changes while
    // holding its lock).
    exchange.atomically(
        () -> {
          synchronized (session) {
            if (++session.operations > OPERATIONS_PER_HOUR) {
              session.send(error(id, "60014", "Requests too frequent.", session));
              return;
            }
            if (!request.path("args").isArray() || request.path("args").isEmpty()) {
              session.send(error(id, "60013", "Invalid args", session));
              return;
            }
            switch (op) {
              case "login" -> login.login(session, id, request.path("args").get(0));
              case "subscribe" -> request.path("args").forEach(arg -> subscribe(session, id, arg));
              default -> request.path("args").forEach(arg -> unsubscribe(session, id, arg));
            }
          }
        });
  }

  private void subscribe(SimWsSession session, String id, JsonNode arg) {
    String channel = arg.path("channel").asString("");
    String instId = arg.path("instId").asString("");
    String instType = arg.path("instType").asString("");
    Optional<SimWsSession.Service> service = SimWsFeed.serviceOf(channel);
    boolean knownInstrument =
        !SimWsFeed.byInstrument(channel) || exchange.market().instrument(instId).isPresent();
    if (service.isEmpty() || !knownInstrument) {
      session.send(
          error(
              id,
              "60018",
              "Wrong URL or channel:" + channel + ",instId:" + instId + " doesn't exist.",
              session));
      return;
    }
    if (service.get() != session.service) {
      session.send(
          service.get() == SimWsSession.Service.BUSINESS
              ? error(
                  id,
                  "64001",
                  "This channel has been migrated to the '/business' URL. Please subscribe using the new URL.",
                  session)
              : error(
                  id,
                  "60018",
                  "Wrong URL or channel:" + channel + ",instId:" + instId + " doesn't exist.",
                  session));
      return;
    }
    boolean needsLogin =
        session.service != SimWsSession.Service.PUBLIC && !channel.startsWith("candle");
    if (needsLogin && session.account.isEmpty()) {
      session.send(error(id, "60011", "Please log in", session));
      return;
    }
    if (!SimWsFeed.byInstrument(channel)
        && !channel.equals("account")
        && !List.of("SWAP", "ANY").contains(instType)) {
      session.send(
          error(
              id,
              "60018",
              "Wrong URL or channel:" + channel + ",instType:" + instType + " doesn't exist.",
              session));
      return;
    }
    ObjectNode echoed = (ObjectNode) arg.deepCopy();
    ObjectNode ack = event(id, "subscribe", session);
    ack.set("arg", echoed);
    session.send(SimWsFrames.write(ack));
    if (needsLogin) {
      // OKX counts the connections of one user subscribed to a private channel; beyond 30 the
      // newest is cut off.
      String apiKey = session.account.orElseThrow().apiKey();
      long connections =
          1
              + sessions.stream()
                  .filter(
                      other ->
                          other != session
                              && other.account.map(a -> a.apiKey().equals(apiKey)).orElse(false))
                  .filter(
                      other ->
                          other.subscriptions.values().stream()
                              .anyMatch(sub -> sub.channel.equals(channel)))
                  .count();
      boolean over = connections > PRIVATE_CONNECTIONS_PER_CHANNEL;
      ObjectNode count = SimWsFrames.newObject();
      count
          .put("event", over ? "channel-conn-count-error" : "channel-conn-count")
          .put("channel", channel)
          .put("connCount", Long.toString(connections))
          .put("connId", session.connId);
      session.send(SimWsFrames.write(count));
      if (over) {
        session.close(4009, "Exceeded the maximum number of connections for channel " + channel);
        return;
      }
    }
    ObjectNode pushArg = echoed.deepCopy();
    session
        .account
        .filter(a -> needsLogin)
        .ifPresent(a -> pushArg.put("uid", SimTradingEndpoints.uid(a.apiKey())));
    SimWsSubscription sub = new SimWsSubscription(pushArg, channel, instId, instType);
    session.subscriptions.put(key(channel, instId, instType), sub);
    switch (channel) {
      case "account", "positions" ->
          session.send(accountPushes.snapshot(sub, session.account.orElseThrow().apiKey()));
      case "orders", "orders-algo", "liquidation-orders" -> {}
      default -> feed.pushes(sub, SimWsFeed.Reason.SUBSCRIBED).forEach(session::send);
    }
  }

  private void unsubscribe(SimWsSession session, String id, JsonNode arg) {
    String channel = arg.path("channel").asString("");
    SimWsSubscription removed =
        session.subscriptions.remove(
            key(channel, arg.path("instId").asString(""), arg.path("instType").asString("")));
    if (removed == null) {
      session.send(
          error(id, "60018", "Wrong URL or channel:" + channel + " doesn't exist.", session));
      return;
    }
    ObjectNode ack = event(id, "unsubscribe", session);
    ack.set("arg", arg);
    session.send(SimWsFrames.write(ack));
  }

  private static String key(String channel, String instId, String instType) {
    return channel + "|" + instId + "|" + instType;
  }

  private void publicPushes(SimWsFeed.Reason reason) {
    for (SimWsSession session : sessions) {
      if (session.service == SimWsSession.Service.PRIVATE) {
        continue;
      }
      synchronized (session) {
        for (SimWsSubscription sub : session.subscriptions.values()) {
          feed.pushes(sub, reason).forEach(session::send);
        }
      }
    }
  }

  /** Runs under the exchange's lock: renders the change for every subscriber of the key, then queues it. */
  private void privatePushes(SimExchange.Change change) {
    if (change instanceof SimExchange.Liquidated l) {
      liquidation(
          l.instId(),
          l.side(),
          l.posSide(),
          SimTradingEndpoints.str(l.sz()),
          SimTradingEndpoints.str(l.bkPx()));
      return;
    }
    for (SimWsSession session : sessions) {
      if (session.account.map(a -> a.apiKey().equals(change.apiKey())).orElse(false)) {
        synchronized (session) {
          for (SimWsSubscription sub : session.subscriptions.values()) {
            accountPushes.update(sub, change).ifPresent(session::send);
          }
        }
      }
    }
  }

  /** Every 250 ms: idle connections are closed, timed channels and book heartbeats pushed, due funding settled. */
  private void tick() {
    try {
      exchange.settleFundingDue();
      long now = System.nanoTime();
      Duration idle = idleTimeout;
      for (SimWsSession session : sessions) {
        if (!idle.isZero() && !idle.isNegative() && now - session.lastSentNanos > idle.toNanos()) {
          session.close(4004, "No data received in 30s.");
          continue;
        }
        if (session.service == SimWsSession.Service.PUBLIC) {
          synchronized (session) {
            for (SimWsSubscription sub : session.subscriptions.values()) {
              feed.pushes(sub, SimWsFeed.Reason.TIMER).forEach(session::send);
            }
          }
        }
      }
    } catch (RuntimeException e) {
      // A rendering bug must not stop the timer; the next tick tries again.
    }
  }

  // --- faults (docs/spec/okx-openrouter-protocols.md §12.7), armed from tests or the control API
  // ---

  /** Closes every connection (of one service, or all) with a close code, e.g. 4004, 4007, 4009 or 1011. */
  public void closeAll(Optional<String> service, int code, String reason) {
    forEach(service, s -> s.close(code, reason));
  }

  /** Stops (or resumes) every push, including {@code pong}: the client sees a silent, half-open connection. */
  public void mute(Optional<String> service, boolean muted) {
    forEach(service, s -> s.muted = muted);
  }

  /** The next {@code books} update of an instrument skips a sequence number (a lost message). */
  public void bookGap(String instId) {
    forEach(
        Optional.of("public"),
        s -> {
          synchronized (s) {
            s.subscriptions.values().stream()
                .filter(sub -> sub.channel.equals("books") && sub.instId.equals(instId))
                .forEach(sub -> sub.gapNext = true);
          }
        });
  }

  /** The {@code 64008} service-upgrade notice OKX sends 60 s before it disconnects. */
  public void upgradeNotice(Optional<String> service) {
    forEach(
        service,
        s -> {
          ObjectNode notice = event(null, "notice", s);
          notice
              .put("code", "64008")
              .put(
                  "msg",
                  "The connection will soon be closed for a service upgrade. Please reconnect.");
          s.send(SimWsFrames.write(notice));
        });
  }

  /** Publishes a liquidation on {@code liquidation-orders} (the simulator has no liquidation engine yet). */
  public void liquidation(String instId, String side, String posSide, String sz, String bkPx) {
    forEach(
        Optional.of("public"),
        s -> {
          synchronized (s) {
            s.subscriptions.values().stream()
                .filter(sub -> sub.channel.equals("liquidation-orders"))
                .forEach(sub -> s.send(feed.liquidation(sub, instId, side, posSide, sz, bkPx)));
          }
        });
  }

  private void forEach(Optional<String> service, Consumer<SimWsSession> action) {
    Optional<SimWsSession.Service> only = service.flatMap(SimWsSession.Service::of);
    sessions.stream().filter(s -> only.map(o -> o == s.service).orElse(true)).forEach(action);
  }

  @Override
  public void close() {
    synchronized (sessions) {
      if (timer != null) {
        timer.shutdownNow();
      }
    }
    sessions.forEach(s -> s.close(1001, "Simulator stopping"));
  }
}
