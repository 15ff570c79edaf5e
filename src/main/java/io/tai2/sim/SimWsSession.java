package io.tai2.sim;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server side of one simulated OKX WebSocket connection: who is logged in, what is subscribed, and an outbound
 * queue drained by its own virtual thread, so a slow client never blocks the market or the exchange. A client that
 * falls {@value #QUEUE_CAPACITY} messages behind is closed with OKX's {@code 4005} "buffer full".
 */
final class SimWsSession {

  /** The three OKX WebSocket services. */
  enum Service {
    PUBLIC,
    PRIVATE,
    BUSINESS;

    static Optional<Service> of(String path) {
      return switch (path) {
        case "public" -> Optional.of(PUBLIC);
        case "private" -> Optional.of(PRIVATE);
        case "business" -> Optional.of(BUSINESS);
        default -> Optional.empty();
      };
    }
  }

  /** How the transport delivers to and closes the client. */
  interface Peer {
    /** Sends one text frame; called from one thread at a time. */
    void deliver(String text) throws IOException;

    void close(int code, String reason);
  }

  static final int QUEUE_CAPACITY = 10_000;
  private static final String CLOSE = new String("close"); // identity marker in the queue

  final String connId =
      Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000_0000, Integer.MAX_VALUE));
  final Service service;
  private final Peer peer;
  private final BlockingQueue<String> outbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

  /** Subscriptions by their canonical arg text; guarded by {@code this}. */
  final Map<String, SimWsSubscription> subscriptions = new LinkedHashMap<>();

  volatile Optional<SimAccount> account = Optional.empty();
  volatile boolean muted;
  volatile long lastSentNanos = System.nanoTime();
  int operations;
  private volatile int closeCode;
  private volatile String closeReason = "";

  SimWsSession(Service service, Peer peer) {
    this.service = service;
    this.peer = peer;
    Thread.ofVirtual().name("sim-ws-" + connId).start(this::drain);
  }

  /** Queues a text frame; never blocks. A muted session swallows everything (the client sees silence). */
  void send(String text) {
    if (muted || closeCode != 0) {
      return;
    }
    if (!outbound.offer(text)) {
      close(4005, "Buffer full");
    }
    lastSentNanos = System.nanoTime();
  }

  /** Closes with a code after the frames already queued. */
  void close(int code, String reason) {
    if (closeCode != 0) {
      return;
    }
    closeReason = reason;
    closeCode = code;
    if (!outbound.offer(CLOSE)) {
      outbound.clear(); // a full queue (4005): what it holds will never be read
      outbound.offer(CLOSE);
    }
  }

  boolean closed() {
    return closeCode != 0;
  }

  private void drain() {
    try {
      while (true) {
        String text = outbound.take();
        if (text == CLOSE) {
          peer.close(closeCode, closeReason);
          return;
        }
        peer.deliver(text);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      closeCode = 1006; // the transport is gone; the hub learns of it through the transport's close
      // callback
    }
  }

  /** Ends the writer thread after the transport reported the connection closed. */
  void disconnected() {
    if (closeCode == 0) {
      closeCode = 1006;
    }
    outbound.clear();
    outbound.offer(CLOSE);
  }
}
