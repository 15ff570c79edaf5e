package io.tai2.sim;

import io.tai2.okx.OkxError;
import java.time.Duration;

/**
 * What the simulator answers: an HTTP status and a JSON body, possibly late, or no answer at all ({@code drop}: the
 * connection is closed after the request was processed).
 */
public record SimResponse(int status, String body, Duration delay, boolean drop) {

  public SimResponse(int status, String body) {
    this(status, body, Duration.ZERO, false);
  }

  static SimResponse ok(String dataArrayJson) {
    return new SimResponse(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":" + dataArrayJson + "}");
  }

  static SimResponse error(OkxError error) {
    return new SimResponse(error.httpStatus(), error.body());
  }
}
