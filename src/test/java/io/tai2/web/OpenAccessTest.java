package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Default set-up: loopback bind, no password, no token. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:auth-off;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class OpenAccessTest {

  @LocalServerPort int port;

  @Test
  void givenNoPasswordOrToken_whenPagesAndApiAreUsed_thenNoLoginIsAsked() {
    HttpProbe http = new HttpProbe(port);

    assertThat(http.get("/").statusCode()).isEqualTo(200);
    assertThat(http.get("/").body()).doesNotContain("log out");
    assertThat(http.get("/trades/recent").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(200);
  }
}
