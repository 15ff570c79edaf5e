package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Assertions that a decoded value is exactly what OKX sent, for the golden decoding tests. */
final class GoldenAsserts {

  private GoldenAsserts() {}

  /** A decoded number is the captured string exactly (scale too); an empty string reads as zero. */
  static void same(BigDecimal decoded, JsonNode raw) {
    assertThat(raw.isString()).as("OKX sends numbers as strings: %s", raw).isTrue();
    if (raw.asString().isEmpty()) {
      assertThat(decoded).isZero();
    } else {
      assertThat(decoded).isEqualTo(new BigDecimal(raw.asString()));
    }
  }

  /** A decoded optional number is the captured string exactly, or absent when OKX sent an empty string. */
  static void same(Optional<BigDecimal> decoded, JsonNode raw) {
    assertThat(raw.isString()).as("OKX sends numbers as strings: %s", raw).isTrue();
    assertThat(decoded)
        .isEqualTo(
            raw.asString().isEmpty()
                ? Optional.empty()
                : Optional.of(new BigDecimal(raw.asString())));
  }

  static String text(JsonNode node, String field) {
    return node.path(field).asString();
  }

  static Instant millis(JsonNode node, String field) {
    return Instant.ofEpochMilli(Long.parseLong(node.path(field).asString()));
  }
}
