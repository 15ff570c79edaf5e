package io.tai2.sim;

import io.tai2.fills.PositionMath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rest of the fields real OKX replies carry, added to the simulator's objects so a client parsing OKX finds every
 * field with OKX's JSON type (checked against captured real replies by {@code OkxSimConformanceTest}). Fields the
 * simulator models are set by the endpoints; here only what it does not model: empty string where OKX sends "not
 * applicable" (other account modes, options, spot borrowing), {@code "0"} where the simulated account truly has zero
 * (no loans, no interest). Values already set are never overwritten.
 */
final class SimOkxFields {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Map<String, JsonNode> BALANCE =
      defaults(
          "availEq",
          "",
          "borrowFroz",
          "",
          "isoEq",
          "",
          "notionalUsd",
          "",
          "notionalUsdForBorrow",
          "",
          "notionalUsdForFutures",
          "",
          "notionalUsdForOption",
          "",
          "notionalUsdForSwap",
          "",
          "ordFroz",
          "");

  private static final Map<String, JsonNode> BALANCE_DETAIL =
      defaults(
          "accAvgPx",
          "",
          "borrowFroz",
          "",
          "clSpotInUseAmt",
          "",
          "colBorrAutoConversion",
          "0",
          "collateralEnabled",
          false,
          "collateralRestrict",
          false,
          "crossLiab",
          "0",
          "disEq",
          "",
          "fixedBal",
          "0",
          "imr",
          "",
          "interest",
          "0",
          "isoEq",
          "",
          "isoLiab",
          "0",
          "isoUpl",
          "",
          "liab",
          "0",
          "maxLoan",
          "",
          "maxSpotInUse",
          "",
          "mgnRatio",
          "",
          "mmr",
          "",
          "notionalLever",
          "",
          "openAvgPx",
          "",
          "rewardBal",
          "",
          "smtSyncEq",
          "0",
          "spotBal",
          "",
          "spotCopyTradingEq",
          "0",
          "spotInUseAmt",
          "",
          "spotIsoBal",
          "0",
          "spotUpl",
          "",
          "spotUplRatio",
          "",
          "stgyEq",
          "0",
          "totalPnl",
          "",
          "totalPnlRatio",
          "",
          "twap",
          "0",
          "uplLiab",
          "0");

  private static final Map<String, JsonNode> ORDER =
      defaults(
          "algoClOrdId",
          "",
          "algoId",
          "",
          "attachAlgoClOrdId",
          "",
          "cancelSource",
          "",
          "cancelSourceReason",
          "",
          "ccy",
          "",
          "isTpLimit",
          "false",
          "linkedAlgoOrd",
          Map.of("algoId", ""),
          "pxType",
          "",
          "pxUsd",
          "",
          "pxVol",
          "",
          "quickMgnType",
          "",
          "rebate",
          "0",
          "rebateCcy",
          "USDT",
          "tpTriggerPx",
          "",
          "tpOrdPx",
          "",
          "tpTriggerPxType",
          "",
          "slTriggerPx",
          "",
          "slOrdPx",
          "",
          "slTriggerPxType",
          "",
          "source",
          "",
          "stpId",
          "",
          "stpMode",
          "",
          "tgtCcy",
          "",
          "tradeId",
          "");

  private static final Map<String, JsonNode> ALGO =
      defaults(
          "activePx",
          "",
          "actualPx",
          "",
          "actualSide",
          "",
          "actualSz",
          "0",
          "amendPxOnTriggerType",
          "0",
          "attachAlgoOrds",
          List.of(),
          "callbackRatio",
          "",
          "callbackSpread",
          "",
          "ccy",
          "",
          "chaseType",
          "",
          "chaseVal",
          "",
          "closeFraction",
          "",
          "failCode",
          "0",
          "isTradeBorrowMode",
          "",
          "last",
          "",
          "lever",
          "",
          "linkedOrd",
          Map.of("ordId", ""),
          "maxChaseType",
          "",
          "maxChaseVal",
          "",
          "moveTriggerPx",
          "",
          "ordId",
          "",
          "ordIdList",
          List.of(),
          "ordPx",
          "",
          "pxLimit",
          "",
          "pxSpread",
          "",
          "pxVar",
          "",
          "quickMgnType",
          "",
          "szLimit",
          "",
          "tag",
          "",
          "tgtCcy",
          "",
          "timeInterval",
          "",
          "triggerPx",
          "",
          "triggerPxType",
          "",
          "triggerTime",
          "");

  private static final Map<String, JsonNode> FILL =
      defaults(
          "fillFwdPx",
          "",
          "fillIdxPx",
          "",
          "fillMarkPx",
          "",
          "fillMarkVol",
          "",
          "fillPxUsd",
          "",
          "fillPxVol",
          "");

  private static final Map<String, JsonNode> BILL =
      defaults(
          "fillFwdPx",
          "",
          "fillIdxPx",
          "",
          "fillMarkPx",
          "",
          "fillMarkVol",
          "",
          "fillPxUsd",
          "",
          "fillPxVol",
          "",
          "interest",
          "0",
          "posBal",
          "",
          "posBalChg",
          "",
          "tag",
          "");

  private static final Map<String, JsonNode> POSITION =
      defaults(
          "adl",
          "1",
          "baseBal",
          "",
          "baseBorrowed",
          "",
          "baseInterest",
          "",
          "bePx",
          "",
          "bizRefId",
          "",
          "bizRefType",
          "",
          "clSpotInUseAmt",
          "",
          "deltaBS",
          "",
          "deltaPA",
          "",
          "gammaBS",
          "",
          "gammaPA",
          "",
          "hedgedPos",
          "",
          "interest",
          "",
          "liab",
          "",
          "liabCcy",
          "",
          "maxSpotInUseAmt",
          "",
          "mgnRatio",
          "",
          "nonSettleAvgPx",
          "",
          "optVal",
          "",
          "pendingCloseOrdLiabVal",
          "",
          "posCcy",
          "",
          "quoteBal",
          "",
          "quoteBorrowed",
          "",
          "quoteInterest",
          "",
          "settledPnl",
          "",
          "spotInUseAmt",
          "",
          "spotInUseCcy",
          "",
          "thetaBS",
          "",
          "thetaPA",
          "",
          "tradeId",
          "",
          "usdPx",
          "",
          "vegaBS",
          "",
          "vegaPA",
          "");

  private static final Map<String, JsonNode> ACCOUNT_CONFIG =
      defaults(
          "greeksType",
          "PA",
          "ip",
          "",
          "levelTmp",
          "",
          "liquidationGear",
          "-1",
          "opAuth",
          "0",
          "roleType",
          "0",
          "spotOffsetType",
          "",
          "spotRoleType",
          "0",
          "spotTraderInsts",
          List.of(),
          "traderInsts",
          List.of());

  private static final Map<String, JsonNode> CANCELED_ALGO =
      defaults("algoClOrdId", "", "clOrdId", "", "tag", "");

  private SimOkxFields() {}

  /** The {@code account/balance} object and each of its {@code details}. */
  static ObjectNode balance(ObjectNode top) {
    top.path("details").valueStream().forEach(d -> fill((ObjectNode) d, BALANCE_DETAIL));
    return fill(top, BALANCE);
  }

  /** An order; OKX repeats the first attached TP/SL at the top level. */
  static ObjectNode order(ObjectNode row) {
    JsonNode attached = row.path("attachAlgoOrds").path(0);
    if (attached.isObject()) {
      row.putIfAbsent(
          "attachAlgoClOrdId", NODES.stringNode(attached.path("attachAlgoClOrdId").asString("")));
      for (String leg : List.of("tp", "sl")) {
        String trigger = attached.path(leg + "TriggerPx").asString("");
        row.putIfAbsent(leg + "TriggerPx", NODES.stringNode(trigger));
        row.putIfAbsent(leg + "OrdPx", NODES.stringNode(attached.path(leg + "OrdPx").asString("")));
        row.putIfAbsent(leg + "TriggerPxType", NODES.stringNode(trigger.isEmpty() ? "" : "last"));
      }
    }
    return fill(row, ORDER);
  }

  /** An algo order; OKX echoes the client id as {@code clOrdId} too, and names the trigger price type of each leg set. */
  static ObjectNode algo(ObjectNode row) {
    row.putIfAbsent("clOrdId", NODES.stringNode(row.path("algoClOrdId").asString("")));
    row.putIfAbsent("uTime", NODES.stringNode(row.path("cTime").asString("")));
    for (String leg : List.of("tp", "sl")) {
      row.putIfAbsent(
          leg + "TriggerPxType",
          NODES.stringNode(row.path(leg + "TriggerPx").asString("").isEmpty() ? "" : "last"));
    }
    return fill(row, ALGO);
  }

  /** A fill; its fee rate is the taker or maker rate the fee was charged at. */
  static ObjectNode fill(ObjectNode row) {
    String rate =
        row.path("execType").asString("").equals("M")
            ? PositionMath.MAKER_RATE.negate().toPlainString()
            : PositionMath.TAKER_RATE.negate().toPlainString();
    row.putIfAbsent("feeRate", NODES.stringNode(rate));
    return fill(row, FILL);
  }

  static ObjectNode bill(ObjectNode row) {
    return fill(row, BILL);
  }

  /** A position; with the last price as mark price, the ratio on the last price is the ratio itself. */
  static ObjectNode position(ObjectNode row) {
    row.putIfAbsent("uplRatioLastPx", NODES.stringNode(row.path("uplRatio").asString("")));
    return fill(row, POSITION);
  }

  static ObjectNode accountConfig(ObjectNode row) {
    return fill(row, ACCOUNT_CONFIG);
  }

  /**
   * A swap instrument: the iceberg, trigger and TWAP ceilings follow the limit-order ceiling and the stop ceiling the
   * market-order one, as on OKX's real swaps; {@code maxLmtAmt} is OKX's USD ceiling per limit order, {@code maxMktAmt}
   * is empty for swaps.
   */
  static ObjectNode instrument(ObjectNode row) {
    String maxLmtSz = row.path("maxLmtSz").asString("");
    for (String ceiling : List.of("maxIcebergSz", "maxTriggerSz", "maxTwapSz")) {
      row.putIfAbsent(ceiling, NODES.stringNode(maxLmtSz));
    }
    row.putIfAbsent("maxStopSz", NODES.stringNode(row.path("maxMktSz").asString("")));
    row.putIfAbsent("maxLmtAmt", NODES.stringNode("20000000"));
    row.putIfAbsent("maxMktAmt", NODES.stringNode(""));
    row.putIfAbsent("category", NODES.stringNode("1"));
    return row;
  }

  /** One item of a {@code cancel-algos} reply. */
  static ObjectNode canceledAlgo(ObjectNode row) {
    return fill(row, CANCELED_ALGO);
  }

  /** Every object of a {@code data} array through {@code completion}. */
  static void each(ArrayNode rows, UnaryOperator<ObjectNode> completion) {
    rows.valueStream().forEach(r -> completion.apply((ObjectNode) r));
  }

  private static ObjectNode fill(ObjectNode node, Map<String, JsonNode> defaults) {
    defaults.forEach((k, v) -> node.putIfAbsent(k, v.deepCopy()));
    return node;
  }

  /** Name/value pairs; a value is a string, a boolean, an empty list (array) or a map of strings (object). */
  private static Map<String, JsonNode> defaults(Object... pairs) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], node(pairs[i + 1]));
    }
    return map;
  }

  private static JsonNode node(Object value) {
    return switch (value) {
      case String s -> NODES.stringNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case List<?> l -> NODES.arrayNode();
      case Map<?, ?> m -> {
        ObjectNode o = NODES.objectNode();
        m.forEach((k, v) -> o.put((String) k, (String) v));
        yield o;
      }
      default -> throw new IllegalArgumentException("unsupported default " + value);
    };
  }
}
