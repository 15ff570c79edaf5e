package io.tai2.config;

import java.util.Objects;

/** A credential that never shows itself: {@code toString} masks it, only {@link #reveal()} gives the value. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-blank value. */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  /** The raw value, for the one place that must send it (a signature, a header, a login check). */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
