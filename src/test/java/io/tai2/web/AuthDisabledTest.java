package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:auth-token-only;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "TAI2_API_TOKEN=only-token",
    })
class AuthDisabledTest {

  @LocalServerPort int port;

  @Test
  void givenOnlyAToken_whenPagesAreOpened_thenTheyAreOpenButTheApiNeedsTheToken() {
    HttpProbe http = new HttpProbe(port);

    assertThat(http.get("/").statusCode()).isEqualTo(200);
    assertThat(http.get("/login").statusCode()).isEqualTo(200);
    assertThat(http.get("/trades/recent").statusCode()).isEqualTo(401);
    assertThat(http.get("/trades/recent", "Authorization", "Bearer only-token").statusCode())
        .isEqualTo(200);
  }

  @Test
  void givenNoPassword_whenBrowserPostsWithoutCsrfToken_thenForbidden() {
    HttpProbe http = new HttpProbe(port);

    // A cross-site form post to a loopback service must not be able to change anything.
    assertThat(http.postForm("/cfg", "x=1").statusCode()).isEqualTo(403);
  }
}
