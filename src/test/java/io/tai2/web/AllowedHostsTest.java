package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {

  private final AllowedHosts loopbackOnly = new AllowedHosts(List.of());
  private final AllowedHosts withLan =
      new AllowedHosts(List.of("tai2.example", "192.168.1.20", "0:0:0:0:0:0:0:1"));

  @Test
  void givenLoopbackNames_whenCheckedAsHost_thenAllowedWhateverThePort() {
    assertThat(
            List.of(
                "localhost",
                "LOCALHOST:8000",
                "app.localhost:1",
                "127.0.0.1:8000",
                "127.1.2.3",
                "[::1]:8000",
                "[::1]"))
        .allSatisfy(h -> assertThat(loopbackOnly.allowsHostHeader(h)).as(h).isTrue());
  }

  @Test
  void givenAForeignOrMalformedHost_whenChecked_thenRefused() {
    assertThat(
            Arrays.asList(
                "evil.example:8000",
                "evil.example",
                "localhost.evil.example",
                "128.0.0.1",
                "127.0.0.1.evil.example",
                "::1",
                "[::1",
                "",
                null,
                "0.0.0.0",
                "tai2.example"))
        .allSatisfy(
            h -> assertThat(loopbackOnly.allowsHostHeader(h)).as(String.valueOf(h)).isFalse());
  }

  @Test
  void givenAllowedHostsSetting_whenItsHostsAreUsed_thenAllowedCaseInsensitively() {
    assertThat(withLan.allowsHostHeader("TAI2.example:8000")).isTrue();
    assertThat(withLan.allowsHostHeader("192.168.1.20")).isTrue();
    assertThat(withLan.allowsHostHeader("192.168.1.21")).isFalse();
    assertThat(withLan.allowsHostHeader("sub.tai2.example")).isFalse();
  }

  @Test
  void givenOrigins_whenChecked_thenOnlyOurHostsAreAllowed() {
    assertThat(withLan.allowsOrigin("http://127.0.0.1:8000")).isTrue();
    assertThat(withLan.allowsOrigin("https://tai2.example")).isTrue();
    assertThat(withLan.allowsOrigin("http://[::1]:8000")).isTrue();
    assertThat(withLan.allowsOrigin("http://evil.example:8000")).isFalse();
    assertThat(withLan.allowsOrigin("null")).isFalse();
    assertThat(withLan.allowsOrigin("file://")).isFalse();
    assertThat(withLan.allowsOrigin("not a uri")).isFalse();
  }
}
