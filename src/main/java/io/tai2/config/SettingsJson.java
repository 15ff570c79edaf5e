package io.tai2.config;

import java.util.Optional;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of {@link GuardrailSettings}, {@link ExecutionSettings}, {@link SchedulerSettings},
 * {@link DisplaySettings} and {@link MarketRuntimeSettings}; read through the same typed records as a change ({@link SettingsPatches}), so a
 * field missing on read keeps its default.
 */
public final class SettingsJson {

  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

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
    return StrictJson.stored(json, SettingsPatches.Guardrails.class).applyTo(d);
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
    return StrictJson.stored(json, SettingsPatches.Execution.class).applyTo(d);
  }

  public static String write(SchedulerSettings s) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("enabled", s.enabled());
    doc.put("interval_seconds", s.interval().toSeconds());
    doc.put("max_concurrent", s.maxConcurrent());
    return JSON.writeValueAsString(doc);
  }

  public static SchedulerSettings scheduler(String json, SchedulerSettings d) {
    return StrictJson.stored(json, SettingsPatches.Scheduler.class).applyTo(d);
  }

  public static String write(DisplaySettings d) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("timezone", d.timeZone().getId());
    return JSON.writeValueAsString(doc);
  }

  public static DisplaySettings display(String json, DisplaySettings d) {
    return StrictJson.stored(json, SettingsPatches.Display.class).applyTo(d);
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
    return StrictJson.stored(json, SettingsPatches.Market.class).applyTo(d);
  }

  /** The stored form: the flag, the sealed keys (ciphertext only), the declared sub-account and the sealed master keys. */
  public static String write(OkxRuntimeSettings o) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("demo", o.demo());
    sealed(doc, "keys", o.keys());
    o.subAccount()
        .ifPresentOrElse(name -> doc.put("sub_account", name), () -> doc.putNull("sub_account"));
    sealed(doc, "master_keys", o.masterKeys());
    return JSON.writeValueAsString(doc);
  }

  private static void sealed(
      ObjectNode doc, String field, Optional<OkxRuntimeSettings.SealedKeys> keys) {
    keys.ifPresentOrElse(
        k ->
            doc.putObject(field)
                .put("api_key", k.apiKey())
                .put("secret_key", k.secretKey())
                .put("passphrase", k.passphrase()),
        () -> doc.putNull(field));
  }

  /**
   * What may be shown or audited: the environment, where the keys come from, the declared sub-account and whether master
   * keys are saved — never a key, sealed or not.
   */
  public static String writePublic(OkxRuntimeSettings o) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("demo", o.demo());
    doc.put("environment", o.environment());
    doc.put("keys", o.keys().isPresent() ? "saved" : "environment");
    o.subAccount()
        .ifPresentOrElse(name -> doc.put("sub_account", name), () -> doc.putNull("sub_account"));
    doc.put("master_keys", o.masterKeys().isPresent() ? "saved" : "none");
    return JSON.writeValueAsString(doc);
  }

  /** A stored document; one saved before sub-accounts were known keeps {@code d}'s sub-account (the environment's). */
  public static OkxRuntimeSettings okx(String json, OkxRuntimeSettings d) {
    JsonNode doc = JSON.readTree(json);
    Optional<String> subAccount =
        doc.has("sub_account")
            ? Optional.ofNullable(
                doc.get("sub_account").isNull() ? null : doc.get("sub_account").asString())
            : d.subAccount();
    return new OkxRuntimeSettings(
        bool(doc, "demo", d.demo()),
        sealed(doc.path("keys")),
        subAccount,
        sealed(doc.path("master_keys")));
  }

  private static Optional<OkxRuntimeSettings.SealedKeys> sealed(JsonNode keys) {
    return keys.isObject()
        ? Optional.of(
            new OkxRuntimeSettings.SealedKeys(
                keys.path("api_key").asString(),
                keys.path("secret_key").asString(),
                keys.path("passphrase").asString()))
        : Optional.empty();
  }

  private static boolean bool(JsonNode doc, String field, boolean fallback) {
    return doc.hasNonNull(field) ? doc.get(field).asBoolean() : fallback;
  }
}
