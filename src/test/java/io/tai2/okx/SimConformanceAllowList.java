package io.tai2.okx;

import java.util.Map;

/**
 * The one list of deliberate differences between real OKX replies and the simulator's, each with its reason. A line of
 * {@link OkxSimConformanceTest.ShapeDiff} is allowed when it starts with an entry's key ("VERB /api/v5/… path").
 */
final class SimConformanceAllowList {

  static final Map<String, String> ENTRIES = Map.of();

  private SimConformanceAllowList() {}

  static boolean allows(String difference) {
    return ENTRIES.keySet().stream().anyMatch(k -> difference.startsWith(k + ":"));
  }
}
