package io.tai2.sim;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * What a master account's key reads about its sub-accounts (docs/OKX-SUB-ACCOUNTS.md): the list ({@code
 * users/subaccount/list}), a sub-account's trading balance ({@code account/subaccount/balances}) and funding balance
 * ({@code asset/subaccount/balances}). A sub-account's key gets OKX's 59604; an unknown sub-account 59510.
 */
final class SimSubAccountEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** When every simulated sub-account was created (OKX reports a creation time; the simulator has one moment for all). */
  private static final String CREATED = "1735689600000";

  private final SimExchange exchange;
  private final SimTradingEndpoints trading;
  private final Map<String, SimAccount> accounts;

  SimSubAccountEndpoints(
      SimExchange exchange, SimTradingEndpoints trading, Map<String, SimAccount> accounts) {
    this.exchange = exchange;
    this.trading = trading;
    this.accounts = Map.copyOf(accounts);
  }

  /** {@code GET users/subaccount/list}: the master's sub-accounts, {@code subAcct} filters by name. */
  SimResponse list(SimAccount master, Map<String, String> query) {
    if (master.isSub()) {
      return onlyMaster();
    }
    String name = query.getOrDefault("subAcct", "");
    ArrayNode rows = JSON.createArrayNode();
    subAccounts(master).stream()
        .filter(s -> name.isEmpty() || s.subAcct().equals(name))
        .forEach(
            s -> {
              var row = rows.addObject();
              row.put("canTransOut", true)
                  .put("enable", true)
                  .put("gAuth", false)
                  .put("label", "")
                  .put("mobile", "")
                  .put("subAcct", s.subAcct())
                  .put("ts", CREATED)
                  .put("type", "1")
                  .put("uid", SimTradingEndpoints.uid(s.apiKey()))
                  .put("subAcctLv", "1")
                  .put("firstLvSubAcct", s.subAcct())
                  .put("ifDma", false);
              row.putArray("frozenFunc");
            });
    return SimResponse.ok(JSON.writeValueAsString(rows));
  }

  /** {@code GET account/subaccount/balances}: the sub-account's trading balance, the same object as its own {@code account/balance}. */
  SimResponse tradingBalance(SimAccount master, Map<String, String> query) {
    return withSubAccount(
        master,
        query,
        sub ->
            SimResponse.ok(
                JSON.writeValueAsString(
                    JSON.createArrayNode().add(trading.balance(sub.apiKey())))));
  }

  /** {@code GET asset/subaccount/balances}: the sub-account's funding balance, currencies with a balance only. */
  SimResponse fundingBalance(SimAccount master, Map<String, String> query) {
    return withSubAccount(
        master,
        query,
        sub -> {
          BigDecimal funding = exchange.funding(sub.apiKey());
          String ccy = query.getOrDefault("ccy", "");
          ArrayNode rows = JSON.createArrayNode();
          if (funding.signum() > 0 && (ccy.isEmpty() || List.of(ccy.split(",")).contains("USDT"))) {
            String bal = SimTradingEndpoints.str(funding);
            rows.addObject()
                .put("availBal", bal)
                .put("bal", bal)
                .put("ccy", "USDT")
                .put("frozenBal", "0");
          }
          return SimResponse.ok(JSON.writeValueAsString(rows));
        });
  }

  private SimResponse withSubAccount(
      SimAccount master, Map<String, String> query, Function<SimAccount, SimResponse> answer) {
    if (master.isSub()) {
      return onlyMaster();
    }
    String name = query.getOrDefault("subAcct", "");
    if (name.isEmpty()) {
      return new SimResponse(
          400, "{\"code\":\"50014\",\"msg\":\"Parameter subAcct can not be empty.\",\"data\":[]}");
    }
    Optional<SimAccount> sub =
        subAccounts(master).stream().filter(s -> s.subAcct().equals(name)).findFirst();
    return sub.map(answer)
        .orElseGet(
            () ->
                new SimResponse(
                    200,
                    "{\"code\":\"59510\",\"msg\":\"Sub-account does not exist\",\"data\":[]}"));
  }

  private List<SimAccount> subAccounts(SimAccount master) {
    return accounts.values().stream()
        .filter(a -> a.masterKey().equals(master.apiKey()))
        .sorted(Comparator.comparing(SimAccount::subAcct))
        .toList();
  }

  private static SimResponse onlyMaster() {
    return new SimResponse(
        200,
        "{\"code\":\"59604\",\"msg\":\"Only the API key of the main account can access this API.\",\"data\":[]}");
  }
}
