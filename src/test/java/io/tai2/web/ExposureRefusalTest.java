package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.Tai2Application;
import io.tai2.config.InvalidSettingsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ExposureRefusalTest {

  @Test
  void
      givenNonLoopbackBindWithoutPasswordAndToken_whenStarting_thenStartIsRefusedWithAClearReason() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(Tai2Application.class)
                    .properties(
                        "TAI2_ENV_FILE=none",
                        "SERVER_ADDRESS=0.0.0.0",
                        "server.port=0",
                        "DATABASE_URL=jdbc:h2:mem:refuse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
                    .run())
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e ->
                assertThat(e.problems())
                    .first()
                    .asString()
                    .contains(
                        "SERVER_ADDRESS=\"0.0.0.0\"", "TAI2_ADMIN_PASSWORD", "TAI2_API_TOKEN"));
  }
}
