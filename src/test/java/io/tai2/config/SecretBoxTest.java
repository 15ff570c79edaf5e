package io.tai2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  final SecretBox box = new SecretBox(Secret.of("0123456789abcdef-test-key"));

  @Test
  void
      givenASecret_whenSealedAndOpened_thenTheSameSecretComesBackAndTheSealedFormShowsNothingOfIt() {
    String sealed = box.seal(Secret.of("my-okx-api-key-7d3f"));

    assertThat(sealed).startsWith("v1:").doesNotContain("okx", "7d3f");
    assertThat(box.open(sealed).reveal()).isEqualTo("my-okx-api-key-7d3f");
    assertThat(box.seal(Secret.of("my-okx-api-key-7d3f")))
        .as("a fresh nonce every time")
        .isNotEqualTo(sealed);
  }

  @Test
  void givenAnotherKeyOrAlteredData_whenOpened_thenRefusedWithoutTheValue() {
    String sealed = box.seal(Secret.of("passphrase-123"));
    byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
    raw[raw.length - 1] ^= 1;
    String altered = "v1:" + Base64.getEncoder().encodeToString(raw);

    assertThatThrownBy(() -> new SecretBox(Secret.of("another-key-of-16+chars")).open(sealed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be decrypted")
        .hasMessageNotContaining("passphrase");
    assertThatThrownBy(() -> box.open(altered)).hasMessageContaining("cannot be decrypted");
    assertThatThrownBy(() -> box.open("plain")).hasMessageContaining("not in the v1 format");
    assertThatThrownBy(() -> box.open("v1:AAAA")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretBox(Secret.of("short")))
        .hasMessageContaining("at least 16 characters");
  }
}
