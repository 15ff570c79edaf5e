package io.tai2.okx;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the master account's keys are for in tai2: reading a sub-account (its uid, its funding and trading balances)
 * and moving USDT between master and sub-account (docs/OKX-SUB-ACCOUNTS.md). It has its own HTTP client and no way to
 * place, amend or cancel an order: OKX trades a sub-account only with that sub-account's own keys, and a master key
 * must never trade (pinned by {@code MasterKeysNeverTradeTest}).
 */
public final class OkxMasterAccount implements AutoCloseable {

  /** OKX account type codes of a transfer's master side. */
  public enum MasterSide {
    FUNDING("6"),
    TRADING("18");

    private final String code;

    MasterSide(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Which way the money goes: OKX transfer type 1 (master → sub) or 2 (sub → master), both asked with the master key. */
  public enum Direction {
    MASTER_TO_SUB("1"),
    SUB_TO_MASTER("2");

    private final String type;

    Direction(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  /** One sub-account as its master sees it ({@code users/subaccount/list}). */
  public record SubAccount(String name, String uid, String label, String type, boolean enabled) {}

  /**
   * A transfer of USDT: the sub-account's side is always its trading account (where tai2 trades), the master's side is
   * {@code masterSide}; {@code clientId} (≤ 32 letters and digits) lets OKX's transfer state be asked for it later.
   */
  public record Transfer(
      Direction direction,
      String subAccount,
      BigDecimal amount,
      MasterSide masterSide,
      String clientId) {}

  /** A transfer's state as OKX reports it ({@code asset/transfer-state}): success, pending or failed. */
  public record TransferState(String transId, String state, BigDecimal amount) {}

  private final HttpClient http;
  private final OkxRestClient rest;

  public OkxMasterAccount(OkxClientConfig config, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.rest = new OkxRestClient(config, http, clock);
  }

  /** The master key's own account settings: its {@code uid} is the {@code mainUid} every sub-account key reports. */
  public AccountConfig accountConfig() {
    return OkxJson.accountConfig(rest.getPrivate("/api/v5/account/config", Map.of()).get(0));
  }

  /** The sub-account called {@code name} under this master, if there is one (OKX 59604 when the key is not a master's). */
  public Optional<SubAccount> subAccount(String name) {
    JsonNode rows = rest.getPrivate("/api/v5/users/subaccount/list", Map.of("subAcct", name));
    return rows.valueStream()
        .filter(r -> r.path("subAcct").asString("").equals(name))
        .findFirst()
        .map(
            r ->
                new SubAccount(
                    r.path("subAcct").asString(),
                    r.path("uid").asString(""),
                    r.path("label").asString(""),
                    r.path("type").asString(""),
                    r.path("enable").asBoolean(true)));
  }

  /** The master's own funding-account USDT, available (zero when OKX lists none). */
  public BigDecimal fundingUsdt() {
    return availableUsdt(rest.getPrivate("/api/v5/asset/balances", Map.of("ccy", "USDT")));
  }

  /** The master's own trading-account USDT (empty when OKX lists none). */
  public Optional<AccountBalance.CurrencyBalance> tradingUsdt() {
    return OkxJson.balance(rest.getPrivate("/api/v5/account/balance", Map.of("ccy", "USDT")).get(0))
        .currency("USDT");
  }

  /** The sub-account's trading-account USDT, read with the master key (empty when OKX lists none). */
  public Optional<AccountBalance.CurrencyBalance> subAccountTradingUsdt(String name) {
    JsonNode data = rest.getPrivate("/api/v5/account/subaccount/balances", Map.of("subAcct", name));
    return data.isEmpty() ? Optional.empty() : OkxJson.balance(data.get(0)).currency("USDT");
  }

  /** The sub-account's funding-account USDT, available, read with the master key. */
  public BigDecimal subAccountFundingUsdt(String name) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("subAcct", name);
    query.put("ccy", "USDT");
    return availableUsdt(rest.getPrivate("/api/v5/asset/subaccount/balances", query));
  }

  /**
   * Asks OKX once to move the money; returns OKX's transfer id. Never retried: an unanswered request is an {@link
   * OkxOutcomeUnknownException}, to be settled with {@link #transferState} by the client id, never by sending again.
   */
  public String transfer(Transfer t) {
    boolean toSub = t.direction() == Direction.MASTER_TO_SUB;
    Map<String, String> body = new LinkedHashMap<>();
    body.put("type", t.direction().type());
    body.put("ccy", "USDT");
    body.put("amt", t.amount().toPlainString());
    body.put("from", toSub ? t.masterSide().code() : MasterSide.TRADING.code());
    body.put("to", toSub ? MasterSide.TRADING.code() : t.masterSide().code());
    body.put("subAcct", t.subAccount());
    body.put("clientId", t.clientId());
    return rest.post("/api/v5/asset/transfer", body).get(0).path("transId").asString();
  }

  /** What OKX knows of the transfer sent with {@code clientId}; empty when it knows none. */
  public Optional<TransferState> transferState(String clientId) {
    JsonNode rows = rest.getPrivate("/api/v5/asset/transfer-state", Map.of("clientId", clientId));
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new TransferState(
                rows.get(0).path("transId").asString(""),
                rows.get(0).path("state").asString(""),
                OkxJson.num(rows.get(0).path("amt"))));
  }

  private static BigDecimal availableUsdt(JsonNode rows) {
    return rows.valueStream()
        .filter(r -> r.path("ccy").asString("").equals("USDT"))
        .findFirst()
        .map(r -> OkxJson.num(r.path("availBal")))
        .orElse(BigDecimal.ZERO);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "OkxMasterAccount[keys ****]";
  }
}
