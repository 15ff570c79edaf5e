package io.tai2.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a notification is about; {@link #id()} is its name in {@code TAI2_NOTIFY_EVENTS} and in webhook bodies. */
public enum NotificationKind {
  ENTRY_FILLED,
  EXIT,
  ORDER_UNKNOWN,
  RECONCILIATION,
  PROTECTION,
  RISK_LOCK,
  RISK_LOCK_RELEASED,
  KILL_SWITCH,
  SCHEDULER_OFF,
  STALE_DATA,
  LLM_FAILING,
  DAILY_SUMMARY,
  /** The operator's test message from CFG: not an event, never switched off nor coalesced. */
  TEST;

  /** Lower case, e.g. {@code entry_filled}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The events that can be switched (every kind but {@link #TEST}), in order. */
  public static List<NotificationKind> events() {
    return Arrays.stream(values()).filter(k -> k != TEST).toList();
  }

  /** The event with this id (case-insensitive), empty when there is none. */
  public static Optional<NotificationKind> byId(String id) {
    for (NotificationKind kind : events()) {
      if (kind.id().equalsIgnoreCase(id.trim())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
