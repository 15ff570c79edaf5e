package io.tai2.web;

import io.tai2.state.StateStore;
import io.tai2.state.StateUpdate;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/state}: the market state as it changes, for programs. Each message is {@code {"type":"market"|"snapshot",
 * "symbol":…, "data":{…}}}; on connect the current view (or, with {@code ?symbol=}, that symbol's snapshot) comes first.
 * {@code ?symbol=BTC-USDT-SWAP} limits snapshots to one symbol. A slow reader loses its oldest messages (newer state
 * supersedes them) instead of holding up the others. Same-origin browsers and non-browser clients only; behind the same
 * authentication as the REST API.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class StateWebSocket extends TextWebSocketHandler implements WebSocketConfigurer, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StateWebSocket.class);
  static final int SEND_TIME_LIMIT_MS = 5_000;
  static final int BUFFER_LIMIT_BYTES = 1 << 20;

  private final StateStore store;
  private final Map<String, Reader> readers = new ConcurrentHashMap<>();
  private StateStore.Subscription subscription;
  private volatile boolean running;

  /** One connected reader and the symbol it follows (null = all). */
  private record Reader(WebSocketSession session, String symbol) {}

  StateWebSocket(StateStore store) {
    this.store = store;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(this, "/ws/state");
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws IOException {
    String symbol =
        Optional.ofNullable(session.getUri())
            .map(
                uri ->
                    UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("symbol"))
            .map(s -> s.trim().toUpperCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .orElse(null);
    Reader reader =
        new Reader(
            new ConcurrentWebSocketSessionDecorator(
                session,
                SEND_TIME_LIMIT_MS,
                BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.DROP),
            symbol);
    readers.put(session.getId(), reader);
    Optional<StateUpdate> current =
        symbol == null
            ? store.marketView().map(json -> new StateUpdate(StateUpdate.MARKET_VIEW, json))
            : store.snapshot(symbol).map(json -> new StateUpdate(symbol, json));
    current.ifPresent(update -> send(reader, update));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    readers.remove(session.getId());
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    // Read-only stream: requests are ignored.
  }

  private void onUpdate(StateUpdate update) {
    readers
        .values()
        .forEach(
            reader -> {
              if (reader.symbol() == null || reader.symbol().equals(update.symbol())) {
                send(reader, update);
              }
            });
  }

  private void send(Reader reader, StateUpdate update) {
    String type = update.isMarketView() ? "market" : "snapshot";
    String symbol = update.isMarketView() ? "null" : "\"" + update.symbol() + "\"";
    try {
      reader
          .session()
          .sendMessage(
              new TextMessage(
                  "{\"type\":\""
                      + type
                      + "\",\"symbol\":"
                      + symbol
                      + ",\"data\":"
                      + update.json()
                      + "}"));
    } catch (IOException | RuntimeException e) {
      log.debug(
          "event=ws_state_reader_gone session={} reason=\"{}\"",
          reader.session().getId(),
          e.toString());
      readers.remove(reader.session().getId());
    }
  }

  @Override
  public void start() {
    subscription = store.subscribe(this::onUpdate);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (subscription != null) {
      subscription.close();
    }
    readers
        .values()
        .forEach(
            r -> {
              try {
                r.session().close(CloseStatus.GOING_AWAY);
              } catch (IOException e) {
                log.debug("event=ws_state_close_failed reason=\"{}\"", e.toString());
              }
            });
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
