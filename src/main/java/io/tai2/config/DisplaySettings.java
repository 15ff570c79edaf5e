package io.tai2.config;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the pages show things (the settings group {@code ui}): the time zone every time on every page is written in and
 * labelled with. The API's JSON keeps UTC ISO-8601 whatever this says.
 *
 * @param timeZone an IANA time zone such as {@code Europe/Berlin}; {@code UTC} by default
 */
public record DisplaySettings(ZoneId timeZone) {

  /** The IANA region ids Java and the browsers both know (Java's old {@code SystemV/…} aliases are not IANA zones). */
  public static final Set<String> TIME_ZONES =
      new TreeSet<>(
          ZoneId.getAvailableZoneIds().stream().filter(z -> !z.startsWith("SystemV/")).toList());

  public DisplaySettings {
    Objects.requireNonNull(timeZone, "timezone");
    if (!TIME_ZONES.contains(timeZone.getId())) {
      throw new IllegalArgumentException(
          "timezone must be an IANA time zone such as Europe/Berlin or UTC, was "
              + timeZone.getId());
    }
  }

  public static DisplaySettings defaults() {
    return new DisplaySettings(ZoneId.of("UTC"));
  }

  /** The zone named {@code id} exactly as IANA spells it (case included); empty for anything else, offsets included. */
  public static Optional<ZoneId> timeZone(String id) {
    return id != null && TIME_ZONES.contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
  }
}
