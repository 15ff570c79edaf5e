package io.tai2.sim;

import static io.tai2.sim.SimTradingEndpoints.failure;
import static io.tai2.sim.SimTradingEndpoints.ok;
import static io.tai2.sim.SimTradingEndpoints.str;
import static io.tai2.sim.SimTradingEndpoints.text;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The position endpoints ({@code account/positions}, {@code trade/close-position}, {@code account/position/margin-balance})
 * and the settings that shape positions ({@code set-leverage}, {@code set-position-mode}), with the position object as
 * REST and the {@code positions} channel carry it. Apart from {@link SimTradingEndpoints}, which is about orders.
 */
final class SimPositionEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimExchange exchange;

  SimPositionEndpoints(SimExchange exchange) {
    this.exchange = exchange;
  }

  SimResponse setPositionMode(SimAccount account, String body) {
    String posMode = text(JSON.readTree(body), "posMode").orElse("");
    Optional<SimExchange.Refused> refused = exchange.setPositionMode(account.apiKey(), posMode);
    if (refused.isPresent()) {
      return failure(refused.get());
    }
    return ok(JSON.createArrayNode().add(JSON.createObjectNode().put("posMode", posMode)));
  }

  SimResponse setLeverage(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String instId = text(b, "instId").orElse("");
    String mgnMode = text(b, "mgnMode").orElse("");
    String lever = text(b, "lever").orElse("");
    Optional<SimExchange.Refused> refused =
        exchange.setLeverage(account.apiKey(), instId, mgnMode, lever);
    if (refused.isPresent()) {
      return failure(refused.get());
    }
    ObjectNode row = JSON.createObjectNode();
    row.put("lever", str(new BigDecimal(lever)))
        .put("mgnMode", mgnMode)
        .put("instId", instId)
        .put("posSide", "net");
    return ok(JSON.createArrayNode().add(row));
  }

  SimResponse positions(SimAccount account, Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    Optional<String> instId = Optional.ofNullable(query.get("instId")).filter(s -> !s.isEmpty());
    for (SimExchange.Position p : exchange.positions(account.apiKey(), instId)) {
      rows.add(positionRow(account.apiKey(), p));
    }
    return ok(rows);
  }

  /** A position object as REST and the {@code positions} channel carry it. */
  ObjectNode positionRow(String apiKey, SimExchange.Position p) {
    Instrument inst = exchange.market().instrument(p.instId()).orElseThrow();
    BigDecimal last = exchange.market().last(p.instId());
    BigDecimal coin = p.pos().abs().multiply(inst.contractSize());
    BigDecimal upl = exchange.upl(p);
    boolean open = p.pos().signum() != 0;
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", "SWAP")
        .put("instId", p.instId())
        .put("mgnMode", p.mgnMode())
        .put("posId", p.posId())
        .put("posSide", p.posSide())
        .put("pos", str(p.posSide().equals("net") ? p.pos() : p.pos().abs()))
        .put("availPos", "")
        .put("ccy", "USDT")
        .put("avgPx", open ? str(p.avgPx()) : "")
        .put("markPx", str(last))
        .put("last", str(last))
        .put("idxPx", str(last))
        .put("lever", str(p.lever()))
        .put("upl", str(upl))
        .put("uplLastPx", str(upl))
        .put("uplRatio", open ? str(PositionMath.uplRatio(upl, coin, p.avgPx(), p.lever())) : "0")
        .put("margin", p.mgnMode().equals("isolated") ? str(p.margin()) : "")
        .put(
            "imr",
            p.mgnMode().equals("cross") && open
                ? str(PositionMath.initialMargin(coin, last, p.lever()))
                : "")
        .put("mmr", str(PositionMath.maintenance(coin, last)))
        .put("liqPx", exchange.liquidationPrice(apiKey, p).map(SimTradingEndpoints::str).orElse(""))
        .put("notionalUsd", str(coin.multiply(last)))
        .put("fee", str(p.fee()))
        .put("pnl", str(p.pnl()))
        .put("realizedPnl", str(p.pnl().add(p.fee()).add(p.fundingFee())))
        .put("fundingFee", str(p.fundingFee()))
        .put("liqPenalty", "0")
        .put("cTime", Long.toString(p.cTime()))
        .put("uTime", Long.toString(p.uTime()));
    ArrayNode closeAlgos = JSON.createArrayNode();
    exchange.pendingAlgos(apiKey).stream()
        .filter(a -> a.instId().equals(p.instId()) && a.tdMode().equals(p.mgnMode()))
        .forEach(
            a -> {
              ObjectNode c = JSON.createObjectNode();
              c.put("algoId", a.algoId())
                  .put("slTriggerPx", a.slTriggerPx().map(SimTradingEndpoints::str).orElse(""))
                  .put("slTriggerPxType", "last")
                  .put("tpTriggerPx", a.tpTriggerPx().map(SimTradingEndpoints::str).orElse(""))
                  .put("tpTriggerPxType", "last")
                  .put("closeFraction", "1");
              closeAlgos.add(c);
            });
    n.set("closeOrderAlgo", closeAlgos);
    return SimOkxFields.position(n);
  }

  SimResponse closePosition(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String instId = text(b, "instId").orElse("");
    String posSide = text(b, "posSide").orElse("net");
    return switch (exchange.closePosition(
        account.apiKey(),
        instId,
        text(b, "mgnMode").orElse(""),
        posSide,
        text(b, "clOrdId").orElse(""))) {
      case SimExchange.Accepted accepted -> {
        ObjectNode n = JSON.createObjectNode();
        n.put("clOrdId", accepted.order().clOrdId())
            .put("instId", instId)
            .put("posSide", posSide)
            .put("tag", "");
        yield ok(JSON.createArrayNode().add(n));
      }
      case SimExchange.Refused refused -> failure(refused);
    };
  }

  SimResponse adjustMargin(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String instId = text(b, "instId").orElse("");
    String type = text(b, "type").orElse("");
    String amt = text(b, "amt").orElse("");
    if (!amt.matches("\\d+(\\.\\d+)?")) {
      return failure(new SimExchange.Refused("51000", "Parameter amt error"));
    }
    SimExchange.MarginAdjustment result =
        exchange.adjustMargin(
            account.apiKey(), instId, text(b, "posSide").orElse("net"), type, amt);
    if (result.refused().isPresent()) {
      return failure(result.refused().get());
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("amt", amt)
        .put("ccy", "USDT")
        .put("instId", instId)
        .put("leverage", str(result.realLeverage()))
        .put("posSide", text(b, "posSide").orElse("net"))
        .put("type", type);
    return ok(JSON.createArrayNode().add(n));
  }
}
