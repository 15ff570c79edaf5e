package io.tai2.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Every request the simulator received, in order, for assertions such as "this order was sent exactly once". */
public final class SimJournal {

  /** One received request and the status it got (0 = connection dropped without an answer). */
  /**
   * One request: when, what, its answer status (0 = dropped unanswered), the API key it was signed with ("" = none) and
   * whether it carried OKX's demo header {@code x-simulated-trading: 1}.
   */
  public record Entry(
      long receivedAtMillis,
      String method,
      String target,
      String body,
      int status,
      String apiKey,
      boolean simulatedTrading) {}

  private static final int CAPACITY = 100_000;
  private final Deque<Entry> entries =
      new ArrayDeque<>(); // the newest CAPACITY, oldest dropped in O(1)

  synchronized void record(Entry entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** How many requests hit this method and path (query ignored). */
  public synchronized long count(String method, String path) {
    return entries.stream()
        .filter(
            e ->
                e.method().equals(method)
                    && (e.target().equals(path) || e.target().startsWith(path + "?")))
        .count();
  }
}
