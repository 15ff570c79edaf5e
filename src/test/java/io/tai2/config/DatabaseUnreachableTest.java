package io.tai2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.Tai2Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnreachableTest {

  @Test
  void
      givenDatabaseUrlToANonListeningPort_whenStarting_thenTheOperatorGetsAShortExplanationAndWhatToDo(
          CapturedOutput output) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(Tai2Application.class)
                    .properties(
                        "TAI2_ENV_FILE=none",
                        "server.port=0",
                        "DATABASE_URL=postgresql://postgres@127.0.0.1:1/nope")
                    .run())
        .isNotNull();

    assertThat(output.getAll())
        .contains(
            "APPLICATION FAILED TO START",
            "tai2 cannot reach its history database",
            "Check DATABASE_URL")
        .contains("127.0.0.1:1");
  }
}
