package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@ExtendWith(OutputCaptureExtension.class)
class HostCheckFilterTest {

  final LoginThrottleTest.ManualClock clock = new LoginThrottleTest.ManualClock();
  final HostCheckFilter filter = new HostCheckFilter(new AllowedHosts(List.of()), clock);

  private MockHttpServletResponse send(String method, String path, String host, String origin)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.addHeader("Host", host);
    if (origin != null) {
      request.addHeader("Origin", origin);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }

  @Test
  void givenARebindingPagePolling_whenRefusedAgainAndAgain_thenItIsLoggedOnceAMinute(
      CapturedOutput output) throws Exception {
    for (int i = 0; i < 50; i++) {
      assertThat(send("GET", "/api/settings", "evil.example:8000", null).getStatus())
          .isEqualTo(421);
    }
    clock.now = clock.now.plusSeconds(61);
    send("GET", "/", "evil.example", null);

    assertThat(
            output
                .getOut()
                .lines()
                .filter(l -> l.contains("event=host_refused host=evil.example"))
                .count())
        .isEqualTo(2);
  }

  @Test
  void givenAHostHeaderWithALogInjection_whenRefused_thenTheLogLineStaysOneLine(
      CapturedOutput output) throws Exception {
    send("GET", "/", "evil\r\nevent=forged", null);

    assertThat(output.getOut()).doesNotContain("\nevent=forged");
  }

  @Test
  void givenAForeignOrigin_whenReading_thenServedButWhenWritingRefused() throws Exception {
    assertThat(send("GET", "/api/settings", "127.0.0.1:8000", "http://evil.example").getStatus())
        .isEqualTo(200);
    assertThat(send("DELETE", "/api/settings", "127.0.0.1:8000", "http://evil.example").getStatus())
        .isEqualTo(403);
    assertThat(send("GET", "/ws/state", "127.0.0.1:8000", "http://evil.example").getStatus())
        .isEqualTo(403);
    assertThat(
            send("POST", "/execution/kill", "127.0.0.1:8000", "http://localhost:8000").getStatus())
        .isEqualTo(200);
  }
}
