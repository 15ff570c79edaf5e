package io.tai2.sim;

import static io.tai2.sim.SimTradingEndpoints.failure;
import static io.tai2.sim.SimTradingEndpoints.ok;
import static io.tai2.sim.SimTradingEndpoints.str;
import static io.tai2.sim.SimTradingEndpoints.text;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The funding account's endpoints ({@code asset/balances}, {@code asset/transfer}): USDT between funding and trading, and
 * master ⇄ sub-account by transfer type, which is the one place that needs to know which keys are whose sub-accounts.
 */
final class SimTransferEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Clock clock;
  private final SimExchange exchange;
  private final Map<String, SimAccount> accounts;

  SimTransferEndpoints(Clock clock, SimExchange exchange, Map<String, SimAccount> accounts) {
    this.clock = clock;
    this.exchange = exchange;
    this.accounts = Map.copyOf(accounts);
  }

  SimResponse fundingBalances(SimAccount account) {
    BigDecimal funding = exchange.funding(account.apiKey());
    ArrayNode rows = JSON.createArrayNode();
    if (funding.signum() > 0) {
      rows.addObject()
          .put("ccy", "USDT")
          .put("bal", str(funding))
          .put("availBal", str(funding))
          .put("frozenBal", "0");
    }
    return ok(rows);
  }

  SimResponse transfer(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String ccy = text(b, "ccy").orElse("");
    String amt = text(b, "amt").orElse("");
    String from = text(b, "from").orElse("");
    String to = text(b, "to").orElse("");
    Optional<SimExchange.Refused> refused =
        switch (text(b, "type").orElse("0")) {
          case "0" -> exchange.transfer(account.apiKey(), ccy, amt, from, to);
          case "1", "2" ->
              account.isSub()
                  ? Optional.of(
                      new SimExchange.Refused(
                          "58128",
                          "Sub-account API key does not support current transfer type parameter."))
                  : subAccount(account, text(b, "subAcct").orElse(""))
                      .map(
                          sub ->
                              text(b, "type").orElse("").equals("1")
                                  ? exchange.transfer(
                                      account.apiKey(), from, sub.apiKey(), to, ccy, amt)
                                  : exchange.transfer(
                                      sub.apiKey(), from, account.apiKey(), to, ccy, amt))
                      .orElse(
                          Optional.of(
                              new SimExchange.Refused(
                                  "58129",
                                  "Parameter subAcct error: no such sub-account of this master")));
          case "3" ->
              account.isSub()
                  ? exchange.transfer(account.apiKey(), from, account.masterKey(), to, ccy, amt)
                  : Optional.of(
                      new SimExchange.Refused(
                          "58127",
                          "Main account API key does not support current transfer type parameter."));
          default ->
              Optional.of(
                  new SimExchange.Refused(
                      "51000", "Parameter type error (the simulator supports transfer types 0-3)"));
        };
    if (refused.isPresent()) {
      return failure(refused.get());
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("transId", Long.toString(clock.millis()))
        .put("ccy", ccy)
        .put("clientId", text(b, "clientId").orElse(""))
        .put("from", from)
        .put("amt", amt)
        .put("to", to);
    return ok(JSON.createArrayNode().add(n));
  }

  private Optional<SimAccount> subAccount(SimAccount master, String name) {
    return accounts.values().stream()
        .filter(a -> a.masterKey().equals(master.apiKey()) && a.subAcct().equals(name))
        .findFirst();
  }
}
