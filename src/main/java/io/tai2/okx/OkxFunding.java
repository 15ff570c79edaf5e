package io.tai2.okx;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The funding account and transfers to the trading account (docs/spec/okx-openrouter-protocols.md §6). */
public final class OkxFunding {

  /** OKX account type codes for transfers. */
  public static final String FUNDING = "6";

  public static final String TRADING = "18";

  private final OkxRestClient rest;

  public OkxFunding(OkxRestClient rest) {
    this.rest = rest;
  }

  /** Available balance of a currency in the funding account (zero when OKX lists none). */
  public BigDecimal available(String ccy) {
    var data = rest.getPrivate("/api/v5/asset/balances", Map.of("ccy", ccy));
    return data.isEmpty()
        ? BigDecimal.ZERO
        : new BigDecimal(data.get(0).path("availBal").asString("0"));
  }

  /** Moves {@code amount} of {@code ccy} between accounts of the same user; returns OKX's transfer id. */
  public String transfer(String ccy, BigDecimal amount, String from, String to, String clientId) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("ccy", ccy);
    body.put("amt", amount.toPlainString());
    body.put("from", from);
    body.put("to", to);
    body.put("type", "0");
    body.put("clientId", clientId);
    return rest.post("/api/v5/asset/transfer", body).get(0).path("transId").asString();
  }
}
