package io.tai2.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of {@link GuardrailSettings}, {@link ExecutionSettings}, {@link SchedulerSettings} and
 * {@link MarketRuntimeSettings}; a field missing on read keeps its default.
 */
public final class SettingsJson {

  static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private SettingsJson() {}

  public static String write(GuardrailSettings g) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("min_leverage", g.minLeverage());
    doc.put("max_leverage", g.maxLeverage());
    doc.put("min_leverage_confidence_gate", g.minLeverageConfidenceGate());
    doc.put("max_position_pct", g.maxPositionPct());
    ObjectNode caps = doc.putObject("symbol_position_caps");
    g.symbolPositionCaps().forEach(caps::put);
    doc.put("daily_loss_limit_pct", g.dailyLossLimitPct());
    doc.put("min_hold_seconds", g.minHold().toSeconds());
    doc.put("max_trades_per_hour", g.maxTradesPerHour());
    doc.put("trade_window_seconds", g.tradeWindow().toSeconds());
    doc.put("require_position_alignment", g.requirePositionAlignment());
    doc.put("snapshot_max_age_seconds", g.snapshotMaxAge().toSeconds());
    doc.put("wait_for_tp_sl", g.waitForTpSl());
    doc.put("require_protection", g.requireProtection());
    doc.put("execution_feedback_ttl_seconds", g.executionFeedbackTtl().toSeconds());
    doc.put("max_price_drift_bps", g.maxPriceDriftBps());
    doc.put("max_price_drift_atr", g.maxPriceDriftAtr());
    doc.put("fee_aware_take_profit", g.feeAwareTakeProfit());
    return JSON.writeValueAsString(doc);
  }

  public static GuardrailSettings guardrails(String json, GuardrailSettings d) {
    JsonNode doc = JSON.readTree(json);
    return new GuardrailSettings(
        dec(doc, "min_leverage", d.minLeverage()), dec(doc, "max_leverage", d.maxLeverage()),
        doc.hasNonNull("min_leverage_confidence_gate") ? doc.get("min_leverage_confidence_gate").asDouble() : d.minLeverageConfidenceGate(),
        dec(doc, "max_position_pct", d.maxPositionPct()), decMap(doc.path("symbol_position_caps"), d.symbolPositionCaps()),
        dec(doc, "daily_loss_limit_pct", d.dailyLossLimitPct()), secs(doc, "min_hold_seconds", d.minHold()),
        doc.hasNonNull("max_trades_per_hour") ? doc.get("max_trades_per_hour").asInt() : d.maxTradesPerHour(),
        secs(doc, "trade_window_seconds", d.tradeWindow()), bool(doc, "require_position_alignment", d.requirePositionAlignment()),
        secs(doc, "snapshot_max_age_seconds", d.snapshotMaxAge()), bool(doc, "wait_for_tp_sl", d.waitForTpSl()),
        bool(doc, "require_protection", d.requireProtection()), secs(doc, "execution_feedback_ttl_seconds", d.executionFeedbackTtl()),
        doc.hasNonNull("max_price_drift_bps") ? doc.get("max_price_drift_bps").asInt() : d.maxPriceDriftBps(),
        dec(doc, "max_price_drift_atr", d.maxPriceDriftAtr()), bool(doc, "fee_aware_take_profit", d.feeAwareTakeProfit()));
  }

  public static String write(ExecutionSettings e) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("enabled", e.enabled());
    doc.put("trade_mode", e.tradeMode());
    doc.put("order_type", e.orderType());
    doc.put("default_min_contracts", e.defaultMinContracts());
    ObjectNode mins = doc.putObject("min_contracts");
    e.minContracts().forEach(mins::put);
    IsolatedSeed seed = e.isolatedSeed();
    ObjectNode seedDoc = doc.putObject("isolated_seed");
    seedDoc.put("usdt", seed.usdt());
    seedDoc.put("pct", seed.pct());
    seedDoc.put("max_transfer_usdt", seed.maxTransferUsdt());
    seed.symbolUsdt().forEach(seedDoc.putObject("symbol_usdt")::put);
    seed.symbolPct().forEach(seedDoc.putObject("symbol_pct")::put);
    return JSON.writeValueAsString(doc);
  }

  public static ExecutionSettings execution(String json, ExecutionSettings d) {
    JsonNode doc = JSON.readTree(json);
    return new ExecutionSettings(bool(doc, "enabled", d.enabled()), text(doc, "trade_mode", d.tradeMode()), text(doc, "order_type", d.orderType()),
        dec(doc, "default_min_contracts", d.defaultMinContracts()), decMap(doc.path("min_contracts"), d.minContracts()),
        seed(doc.path("isolated_seed"), d.isolatedSeed()));
  }

  private static IsolatedSeed seed(JsonNode doc, IsolatedSeed d) {
    return new IsolatedSeed(dec(doc, "usdt", d.usdt()), dec(doc, "pct", d.pct()), dec(doc, "max_transfer_usdt", d.maxTransferUsdt()),
        decMap(doc.path("symbol_usdt"), d.symbolUsdt()), decMap(doc.path("symbol_pct"), d.symbolPct()));
  }

  public static String write(SchedulerSettings s) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("enabled", s.enabled());
    doc.put("interval_seconds", s.interval().toSeconds());
    doc.put("max_concurrent", s.maxConcurrent());
    return JSON.writeValueAsString(doc);
  }

  public static SchedulerSettings scheduler(String json, SchedulerSettings d) {
    JsonNode doc = JSON.readTree(json);
    return new SchedulerSettings(bool(doc, "enabled", d.enabled()), secs(doc, "interval_seconds", d.interval()),
        doc.hasNonNull("max_concurrent") ? doc.get("max_concurrent").asInt() : d.maxConcurrent());
  }

  public static String write(MarketRuntimeSettings m) {
    ObjectNode doc = JSON.createObjectNode();
    m.tradingPairs().forEach(doc.putArray("trading_pairs")::add);
    doc.put("ws_update_interval_seconds", m.pollInterval().toSeconds());
    doc.put("live_websocket", m.liveWebSocket());
    doc.put("fee_window_hours", m.feeWindowHours());
    return JSON.writeValueAsString(doc);
  }

  public static MarketRuntimeSettings market(String json, MarketRuntimeSettings d) {
    JsonNode doc = JSON.readTree(json);
    JsonNode pairs = doc.path("trading_pairs");
    if (!pairs.isMissingNode() && !pairs.isNull() && !pairs.isArray()) {
      throw new IllegalArgumentException("trading_pairs must be a list such as [\"BTC-USDT-SWAP\"]");
    }
    return new MarketRuntimeSettings(pairs.isArray() ? pairs.valueStream().map(JsonNode::asString).toList() : d.tradingPairs(),
        secs(doc, "ws_update_interval_seconds", d.pollInterval()), bool(doc, "live_websocket", d.liveWebSocket()),
        doc.hasNonNull("fee_window_hours") ? doc.get("fee_window_hours").asInt() : d.feeWindowHours());
  }

  /** The stored form: the flag and the sealed keys (ciphertext only). */
  public static String write(OkxRuntimeSettings o) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("demo", o.demo());
    o.keys().ifPresentOrElse(k -> doc.putObject("keys").put("api_key", k.apiKey()).put("secret_key", k.secretKey()).put("passphrase", k.passphrase()),
        () -> doc.putNull("keys"));
    return JSON.writeValueAsString(doc);
  }

  /** What may be shown or audited: the environment and where the keys come from, never the keys, sealed or not. */
  public static String writePublic(OkxRuntimeSettings o) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("demo", o.demo());
    doc.put("environment", o.environment());
    doc.put("keys", o.keys().isPresent() ? "saved" : "environment");
    return JSON.writeValueAsString(doc);
  }

  public static OkxRuntimeSettings okx(String json, OkxRuntimeSettings d) {
    JsonNode doc = JSON.readTree(json);
    JsonNode keys = doc.path("keys");
    return new OkxRuntimeSettings(bool(doc, "demo", d.demo()), keys.isObject()
        ? java.util.Optional.of(new OkxRuntimeSettings.SealedKeys(keys.path("api_key").asString(), keys.path("secret_key").asString(),
            keys.path("passphrase").asString()))
        : java.util.Optional.empty());
  }

  private static BigDecimal dec(JsonNode doc, String field, BigDecimal fallback) {
    return doc.hasNonNull(field) ? doc.get(field).decimalValue() : fallback;
  }

  private static Duration secs(JsonNode doc, String field, Duration fallback) {
    return doc.hasNonNull(field) ? Duration.ofSeconds(doc.get(field).asLong()) : fallback;
  }

  private static boolean bool(JsonNode doc, String field, boolean fallback) {
    return doc.hasNonNull(field) ? doc.get(field).asBoolean() : fallback;
  }

  private static String text(JsonNode doc, String field, String fallback) {
    return doc.hasNonNull(field) ? doc.get(field).asString() : fallback;
  }

  private static Map<String, BigDecimal> decMap(JsonNode node, Map<String, BigDecimal> fallback) {
    if (!node.isObject()) {
      return fallback;
    }
    Map<String, BigDecimal> out = new TreeMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().decimalValue()));
    return out;
  }
}
