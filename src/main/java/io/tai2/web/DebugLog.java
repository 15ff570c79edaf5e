package io.tai2.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The backend event pane of DEBUG: the service's own log lines (INFO and above; secrets never reach the log) kept in a
 * bounded ring and pushed to the browsers as {@code log} events on the live stream.
 */
@Component
class DebugLog implements SmartLifecycle {

  static final int CAPACITY = 1000;

  private final LiveEvents events;
  private final ArrayDeque<Entry> ring = new ArrayDeque<>(CAPACITY);
  private volatile AppenderBase<ILoggingEvent> appender;

  DebugLog(LiveEvents events) {
    this.events = events;
  }

  record Entry(Instant at, String level, String logger, String message) {}

  List<Entry> recent() {
    synchronized (ring) {
      return List.copyOf(ring);
    }
  }

  void add(Entry e) {
    synchronized (ring) {
      if (ring.size() == CAPACITY) {
        ring.removeFirst();
      }
      ring.addLast(e);
    }
    if (events.clientCount() == 0) {
      return; // nobody watching: the ring is enough for the next page load
    }
    ObjectNode json =
        Json.MAPPER
            .createObjectNode()
            .put("at", e.at().toString())
            .put("level", e.level())
            .put("logger", e.logger())
            .put("message", e.message());
    events.broadcast(new LiveEvents.LiveEvent("log", json.toString()));
  }

  @Override
  public void start() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another logging backend: the pane stays empty and says so
    }
    AppenderBase<ILoggingEvent> a =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
              String logger = event.getLoggerName();
              add(
                  new Entry(
                      Instant.ofEpochMilli(event.getTimeStamp()),
                      event.getLevel().toString(),
                      logger.substring(logger.lastIndexOf('.') + 1),
                      event.getFormattedMessage()));
            }
          }
        };
    a.setContext(context);
    a.setName("tai2-debug-pane");
    a.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(a);
    appender = a;
  }

  @Override
  public void stop() {
    AppenderBase<ILoggingEvent> a = appender;
    if (a != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(a);
      a.stop();
    }
    appender = null;
  }

  @Override
  public boolean isRunning() {
    return appender != null;
  }
}
