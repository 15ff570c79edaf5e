package io.tai2.sim;

import static io.tai2.sim.SimWsFrames.error;

import io.tai2.okx.OkxSigner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebSocket {@code login} op (docs/spec/okx-openrouter-protocols.md §8): one login per connection, a timestamp
 * within 30 s, a known key, its passphrase and an HMAC signature, each refused with OKX's code. Apart from
 * {@link SimWebSocket} because it is the only part that handles secrets.
 */
final class SimWsLogin {

  private static final Duration LOGIN_WINDOW = Duration.ofSeconds(30);

  private final Clock clock;
  private final Map<String, SimAccount> accounts;

  SimWsLogin(Clock clock, Map<String, SimAccount> accounts) {
    this.clock = clock;
    this.accounts = Map.copyOf(accounts);
  }

  /** Logs the session in, or sends the error; called holding the session's lock. */
  void login(SimWsSession session, String id, JsonNode arg) {
    if (session.account.isPresent()) {
      session.send(
          error(id, "60031", "The WebSocket endpoint does not support multiple logins.", session));
      return;
    }
    String timestamp = arg.path("timestamp").asString("");
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(timestamp);
    } catch (NumberFormatException e) {
      session.send(error(id, "60004", "Invalid timestamp", session));
      return;
    }
    BigDecimal now = BigDecimal.valueOf(clock.millis()).movePointLeft(3);
    if (now.subtract(seconds).abs().compareTo(BigDecimal.valueOf(LOGIN_WINDOW.toSeconds())) > 0) {
      session.send(error(id, "60006", "Timestamp request expired", session));
      return;
    }
    SimAccount account = accounts.get(arg.path("apiKey").asString(""));
    if (account == null) {
      session.send(error(id, "60005", "Invalid apiKey", session));
      return;
    }
    if (!account.passphrase().equals(arg.path("passphrase").asString(""))) {
      session.send(error(id, "60024", "Wrong passphrase", session));
      return;
    }
    String expected = OkxSigner.signWebSocketLogin(account.secretKey(), timestamp);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8),
        arg.path("sign").asString("").getBytes(StandardCharsets.UTF_8))) {
      session.send(error(id, "60007", "Invalid sign", session));
      return;
    }
    session.account = Optional.of(account);
    ObjectNode ok = SimWsFrames.event(id, "login", session);
    ok.put("code", "0").put("msg", "");
    session.send(SimWsFrames.write(ok));
  }
}
