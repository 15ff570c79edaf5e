package io.tai2.state;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state store on Redis (Lettuce): documents under {@code <prefix>state:*}, updates on the channel
 * {@code <prefix>state:channel}, so other processes (a second tai2, a dashboard) see the same state. Connects lazily and
 * reconnects by itself: a Redis that is down makes calls fail fast with a clear message, never hang.
 */
public final class RedisStateStore implements StateStore, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisStateStore.class);
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What travels on the channel: which document changed and its JSON text. */
  record Envelope(String symbol, String json) {}

  private final RedisClient client;
  private final String where;
  private final String snapshotPrefix;
  private final String viewKey;
  private final String runtimePrefix;
  private final String channel;
  private final SubscriberFanout fanout = new SubscriberFanout("state-redis-fanout");
  private final ScheduledExecutorService connector =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("state-redis-connector").factory());
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile StatefulRedisPubSubConnection<String, String> pubSub;

  /** A store on the Redis at {@code url}, with every key and the channel under {@code keyPrefix} (e.g. "tai2:"). */
  public RedisStateStore(String url, String keyPrefix) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(TIMEOUT);
    this.where = uri.getHost() + ":" + uri.getPort();
    this.client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
            .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    this.snapshotPrefix = keyPrefix + "state:snapshot:";
    this.viewKey = keyPrefix + "state:latest";
    this.runtimePrefix = keyPrefix + "state:runtime:";
    this.channel = keyPrefix + "state:channel";
  }

  @Override
  public void putSnapshot(String symbol, String snapshotJson) {
    setAndPublish(snapshotPrefix + symbol, new Envelope(symbol, snapshotJson));
  }

  @Override
  public Optional<String> snapshot(String symbol) {
    return call(() -> Optional.ofNullable(commands().get(snapshotPrefix + symbol)));
  }

  @Override
  public void putMarketView(String viewJson) {
    setAndPublish(viewKey, new Envelope(StateUpdate.MARKET_VIEW, viewJson));
  }

  @Override
  public Optional<String> marketView() {
    return call(() -> Optional.ofNullable(commands().get(viewKey)));
  }

  @Override
  public void putRuntimeState(String key, String json) {
    call(() -> commands().set(runtimePrefix + key, json));
  }

  @Override
  public Optional<String> runtimeState(String key) {
    return call(() -> Optional.ofNullable(commands().get(runtimePrefix + key)));
  }

  @Override
  public void removeRuntimeState(String key) {
    call(() -> commands().del(runtimePrefix + key));
  }

  @Override
  public Subscription subscribe(Consumer<StateUpdate> listener) {
    Subscription subscription = fanout.add(listener);
    ensureSubscribed();
    return subscription;
  }

  @Override
  public boolean isAvailable() {
    try {
      return "PONG".equals(commands().ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String kind() {
    return "redis";
  }

  @Override
  public void close() {
    connector.shutdownNow();
    fanout.close();
    if (pubSub != null) {
      pubSub.close();
    }
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, TIMEOUT);
  }

  private void setAndPublish(String key, Envelope envelope) {
    String message = JSON.writeValueAsString(envelope);
    call(
        () -> {
          var async = connection().async();
          // Pipelined: both commands leave together, then we wait for both.
          RedisFuture<String> set = async.set(key, envelope.json());
          RedisFuture<Long> published = async.publish(channel, message);
          if (!LettuceFutures.awaitAll(TIMEOUT, set, published)) {
            throw new RedisCommandTimeoutException("SET + PUBLISH timed out");
          }
          return null;
        });
  }

  private RedisCommands<String, String> commands() {
    return connection().sync();
  }

  private StatefulRedisConnection<String, String> connection() {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      synchronized (this) {
        c = connection;
        if (c == null) {
          c = client.connect();
          connection = c;
        }
      }
    }
    return c;
  }

  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      throw new StateStoreUnavailableException(
          "Redis at "
              + where
              + " is unreachable ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); check REDIS_URL or start redis-server",
          e);
    }
  }

  /** Subscribes to the channel now, or keeps retrying in the background until Redis is there. */
  private synchronized void ensureSubscribed() {
    if (pubSub != null) {
      return;
    }
    try {
      StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
      c.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
              onMessage(message);
            }
          });
      c.sync().subscribe(channel);
      pubSub = c; // Lettuce re-subscribes by itself after a reconnect.
    } catch (RuntimeException e) {
      log.warn(
          "event=state_subscribe_failed where={} retry_in_s=2 error=\"{}\"", where, e.getMessage());
      connector.schedule(this::ensureSubscribed, 2, TimeUnit.SECONDS);
    }
  }

  private void onMessage(String message) {
    try {
      Envelope envelope = JSON.readValue(message, Envelope.class);
      fanout.publish(new StateUpdate(envelope.symbol(), envelope.json()));
    } catch (RuntimeException e) {
      log.warn("event=state_message_unreadable channel={} error=\"{}\"", channel, e.getMessage());
    }
  }
}
