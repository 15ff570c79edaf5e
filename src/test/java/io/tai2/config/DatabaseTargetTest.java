package io.tai2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

  @Test
  void givenLibpqUrlWithPassword_whenParsed_thenJdbcUrlUserAndPasswordAreSplit() {
    DatabaseTarget t =
        DatabaseTarget.parse("postgresql://tai2:s%40cret@db.local:5433/trading?sslmode=require");

    assertThat(t.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://db.local:5433/trading?sslmode=require&stringtype=unspecified");
    assertThat(t.username()).contains("tai2");
    assertThat(t.password().orElseThrow().reveal()).isEqualTo("s@cret");
    assertThat(t.isEmbedded()).isFalse();
  }

  @Test
  void givenLibpqUrlWithoutPasswordOrPort_whenParsed_thenDefaultPortAndNoPassword() {
    DatabaseTarget t = DatabaseTarget.parse("postgres://postgres@127.0.0.1/test");

    assertThat(t.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?stringtype=unspecified");
    assertThat(t.username()).contains("postgres");
    assertThat(t.password()).isEmpty();
  }

  @Test
  void givenLibpqUrlWithoutUser_whenParsed_thenNoCredentials() {
    DatabaseTarget t = DatabaseTarget.parse("postgresql://db:5432/x");

    assertThat(t.username()).isEmpty();
    assertThat(t.password()).isEmpty();
  }

  @Test
  void givenIpv6Host_whenParsed_thenHostIsBracketed() {
    assertThat(DatabaseTarget.parse("postgresql://u@[::1]:5432/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/db?stringtype=unspecified");
  }

  @Test
  void givenJdbcUrls_whenParsed_thenTheyPassThrough() {
    assertThat(DatabaseTarget.parse("jdbc:postgresql://h:1/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:1/d?stringtype=unspecified");
    assertThat(DatabaseTarget.parse("jdbc:postgresql://h:1/d?stringtype=varchar").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:1/d?stringtype=varchar");
    assertThat(DatabaseTarget.parse("jdbc:h2:mem:x").isEmbedded()).isTrue();
  }

  @Test
  void givenUrlsMissingParts_whenParsed_thenTheReasonSaysWhatIsMissing() {
    assertThatThrownBy(() -> DatabaseTarget.parse("postgresql://u@h:5432/"))
        .hasMessageContaining("no database name");
    assertThatThrownBy(() -> DatabaseTarget.parse("postgresql:///db"))
        .hasMessageContaining("no host");
    assertThatThrownBy(() -> DatabaseTarget.parse("mysql://h/db"))
        .hasMessageContaining("must be postgresql://");
  }
}
