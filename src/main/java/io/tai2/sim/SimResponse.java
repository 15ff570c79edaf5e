package io.tai2.sim;

/** What the simulator answers: an HTTP status and a JSON body. */
public record SimResponse(int status, String body) {

  static SimResponse ok(String dataArrayJson) {
    return new SimResponse(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":" + dataArrayJson + "}");
  }

  static SimResponse error(io.tai2.okx.OkxError error) {
    return new SimResponse(error.httpStatus(), error.body());
  }
}
