package io.tai2.sim;

import io.tai2.okx.OkxError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Faults armed on the simulator (docs/spec/okx-openrouter-protocols.md §12.7): each matches a method and path, fires for the next {@code count}
 * matching requests, then disarms.
 */
public final class SimFaults {

  /** What goes wrong. */
  public enum Kind {
    /** Answer late (the request is processed normally). */
    DELAY,
    /** Process the request, then drop the connection without answering: the client cannot know the outcome. */
    ACCEPT_THEN_DROP,
    /** Answer 503 / 50001 without processing. */
    SERVICE_UNAVAILABLE,
    /** Answer 429 / 50011 without processing. */
    RATE_LIMIT,
    /** Answer with a chosen OKX code without processing ({@code sCode} for order endpoints). */
    OKX_CODE
  }

  /** One armed fault. */
  public record Fault(
      String method,
      String path,
      Kind kind,
      int count,
      Duration delay,
      String okxCode,
      String okxMessage) {

    public static Fault of(String method, String path, Kind kind, int count) {
      return new Fault(method, path, kind, count, Duration.ZERO, "", "");
    }
  }

  private final List<Fault> armed = new ArrayList<>();

  public synchronized void arm(Fault fault) {
    armed.add(fault);
  }

  public synchronized void clear() {
    armed.clear();
  }

  /** The fault this request triggers, if any; its remaining count goes down by one. */
  synchronized Optional<Fault> take(RawRequest request) {
    for (Iterator<Fault> it = armed.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.method().equalsIgnoreCase(request.method()) && f.path().equals(request.path())) {
        it.remove();
        if (f.count() > 1) {
          armed.add(
              new Fault(
                  f.method(),
                  f.path(),
                  f.kind(),
                  f.count() - 1,
                  f.delay(),
                  f.okxCode(),
                  f.okxMessage()));
        }
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  static SimResponse responseFor(Fault fault) {
    String message = fault.okxMessage().replace("\\", "\\\\").replace("\"", "\\\"");
    return switch (fault.kind()) {
      case SERVICE_UNAVAILABLE -> SimResponse.error(OkxError.SERVICE_UNAVAILABLE);
      case RATE_LIMIT -> SimResponse.error(OkxError.RATE_LIMITED);
      case OKX_CODE ->
          fault.path().startsWith("/api/v5/trade/")
              ? new SimResponse(
                  200,
                  "{\"code\":\"1\",\"msg\":\"All operations failed\",\"data\":[{\"clOrdId\":\"\",\"ordId\":\"\",\"sCode\":\""
                      + fault.okxCode()
                      + "\",\"sMsg\":\""
                      + message
                      + "\",\"tag\":\"\",\"ts\":\"0\"}]}")
              : new SimResponse(
                  200,
                  "{\"code\":\"" + fault.okxCode() + "\",\"msg\":\"" + message + "\",\"data\":[]}");
      default -> throw new IllegalArgumentException(fault.kind() + " has no canned response");
    };
  }
}
