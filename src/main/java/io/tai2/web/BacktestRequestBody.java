package io.tai2.web;

import io.tai2.config.FieldError;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.StrictJson;
import io.tai2.lab.BacktestRequest;
import io.tai2.market.MarketSettings;
import io.tai2.okx.OkxBarSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /api/backtests}, read strictly: an unknown field, a value of the wrong type or out of range is
 * a 400 naming the field, and every refused field is reported at once. What is left out takes the CLI's default.
 */
final class BacktestRequestBody {

  static final Set<String> DECIDERS =
      Set.of("fake:long", "fake:short", "fake:alternate", "heuristic", "cache", "llm");
  static final int MAX_SYMBOLS = 10;
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,20}-[A-Z0-9]{1,20}(-SWAP)?");
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/@+-]{1,200}");

  private BacktestRequestBody() {}

  /** The fields as sent; {@code settings} is read apart (it is a settings document, not a field of this record). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Fields(
      List<String> symbols,
      String from,
      String to,
      String every,
      String decider,
      UUID promptVersion,
      BigDecimal stopPct,
      BigDecimal takePct,
      BigDecimal equityPct,
      BigDecimal equity,
      BigDecimal takerFee,
      BigDecimal slippageBps,
      String funding,
      BigDecimal maxCost,
      String timeframe) {}

  /** The request as it will run, and the same as a document with every default filled in (stored with the run). */
  record Read(BacktestRequest request, ObjectNode document) {}

  /**
   * @param settingsGroups the settings groups a partial settings document may name
   * @param versionExists whether a prompt version id is known
   * @param savedTimeframe the saved analysis timeframe ({@code reasoning.timeframe}), taken when the request names none
   */
  static Read read(
      JsonNode body,
      List<String> settingsGroups,
      Predicate<UUID> versionExists,
      String savedTimeframe) {
    if (!body.isObject()) {
      throw new InvalidFieldsException(
          "",
          "the body must be a JSON object such as {\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\"}");
    }
    ObjectNode rest = ((ObjectNode) body).deepCopy();
    JsonNode settings = rest.remove("settings");
    Fields f;
    try {
      f = StrictJson.bind(rest, Fields.class, "");
    } catch (InvalidFieldsException e) {
      throw new InvalidFieldsException(e.errors()); // a request, not a settings change
    }
    List<FieldError> errors = new ArrayList<>();
    List<String> symbols = symbols(f.symbols(), errors);
    Optional<Instant> from = time(f.from(), "from", errors);
    Optional<Instant> to = time(f.to(), "to", errors);
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      errors.add(new FieldError("to", "must be after from (" + from.get() + ")"));
    }
    if (f.every() == null) {
      errors.add(
          new FieldError(
              "every",
              "is required: the decision cadence as an OKX bar size such as 5m, 15m or 1H"));
    } else if (OkxBarSize.of(f.every()).isEmpty()) {
      errors.add(
          new FieldError("every", "is not an OKX bar size; use one of " + OkxBarSize.names()));
    }
    decider(f.decider(), errors);
    String timeframe = f.timeframe() == null ? savedTimeframe : f.timeframe();
    if (!MarketSettings.defaults().timeframes().contains(timeframe)) {
      errors.add(
          new FieldError(
              "timeframe",
              "must be one of the timeframes the engine computes: "
                  + String.join(", ", MarketSettings.defaults().timeframes())));
    }
    if (f.promptVersion() != null && !versionExists.test(f.promptVersion())) {
      errors.add(
          new FieldError(
              "prompt_version",
              "no prompt version " + f.promptVersion() + " (see GET /llm/versions)"));
    }
    BigDecimal stop =
        range(
            f.stopPct(),
            BacktestRequest.DEFAULT_STOP_PCT,
            "stop_pct",
            "0",
            false,
            "50",
            "a percent of the entry price",
            errors);
    BigDecimal take =
        range(
            f.takePct(),
            BacktestRequest.DEFAULT_TAKE_PCT,
            "take_pct",
            "0",
            false,
            "100",
            "a percent of the entry price",
            errors);
    BigDecimal equityPct =
        range(
            f.equityPct(),
            BacktestRequest.DEFAULT_EQUITY_PCT,
            "equity_pct",
            "0",
            false,
            "1",
            "a fraction of equity (0.05 = 5 %)",
            errors);
    BigDecimal equity =
        range(
            f.equity(),
            BacktestRequest.DEFAULT_EQUITY,
            "equity",
            "0",
            false,
            "1000000000",
            "USDT",
            errors);
    BigDecimal fee =
        range(
            f.takerFee(),
            BacktestRequest.DEFAULT_TAKER_FEE,
            "taker_fee",
            "0",
            true,
            "0.01",
            "a fraction (0.0005 = 0.05 %)",
            errors);
    BigDecimal slippage =
        range(
            f.slippageBps(),
            BigDecimal.ZERO,
            "slippage_bps",
            "0",
            true,
            "500",
            "basis points",
            errors);
    Optional<BigDecimal> maxCost = Optional.ofNullable(f.maxCost());
    if (maxCost.isPresent() && maxCost.get().signum() < 0) {
      errors.add(new FieldError("max_cost", "must be 0 or more (USD)"));
    }
    String funding = f.funding() == null ? "off" : f.funding();
    if (!funding.equals("off") && !funding.equals("history")) {
      errors.add(new FieldError("funding", "must be \"off\" or \"history\""));
    }
    if (settings != null && !settings.isObject()) {
      errors.add(
          new FieldError(
              "settings",
              "must be a partial settings document such as {\"guardrails\":{\"max_leverage\":3}}"));
    } else if (settings != null) {
      for (String group : settings.propertyNames()) {
        if (!settingsGroups.contains(group)) {
          errors.add(
              new FieldError(
                  "settings." + group, "not a settings group; the groups are " + settingsGroups));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidFieldsException(errors);
    }
    BacktestRequest request =
        new BacktestRequest(
            symbols,
            from,
            to,
            f.every(),
            f.decider(),
            Optional.ofNullable(f.promptVersion()),
            stop,
            take,
            equityPct,
            equity,
            fee,
            slippage,
            funding.equals("history"),
            Optional.ofNullable(settings).map(JsonNode::toString),
            maxCost,
            timeframe);
    return new Read(request, document(request, settings));
  }

  private static ObjectNode document(BacktestRequest r, JsonNode settings) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    r.symbols().forEach(d.putArray("symbols")::add);
    d.put("from", r.from().map(Instant::toString).orElse(null));
    d.put("to", r.to().map(Instant::toString).orElse(null));
    d.put("every", r.every());
    d.put("timeframe", r.timeframe());
    d.put("decider", r.decider());
    d.put("prompt_version", r.promptVersion().map(UUID::toString).orElse(null));
    d.put("stop_pct", r.stopPct());
    d.put("take_pct", r.takePct());
    d.put("equity_pct", r.equityPct());
    d.put("equity", r.equity());
    d.put("taker_fee", r.takerFee());
    d.put("slippage_bps", r.slippageBps());
    d.put("funding", r.fundingHistory() ? "history" : "off");
    d.set("settings", settings);
    d.put("max_cost", r.maxCost().orElse(null));
    return d;
  }

  private static List<String> symbols(List<String> given, List<FieldError> errors) {
    if (given == null || given.isEmpty()) {
      errors.add(new FieldError("symbols", "is required: a list such as [\"BTC-USDT-SWAP\"]"));
      return List.of();
    }
    if (given.size() > MAX_SYMBOLS) {
      errors.add(new FieldError("symbols", "at most " + MAX_SYMBOLS + " symbols in one backtest"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String s = given.get(i).strip().toUpperCase(Locale.ROOT);
      if (!SYMBOL.matcher(s).matches()) {
        errors.add(new FieldError("symbols." + i, "is not an instrument id such as BTC-USDT-SWAP"));
      } else if (out.contains(s)) {
        errors.add(new FieldError("symbols." + i, s + " is listed twice"));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** An ISO time ({@code 2026-11-01T00:00:00Z}) or a UTC day ({@code 2026-11-01}, its 00:00). */
  private static Optional<Instant> time(String text, String field, List<FieldError> errors) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          text.length() == 10
              ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
              : Instant.parse(text));
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              field, "must be a time like 2026-11-01T00:00:00Z or a day like 2026-11-01 (UTC)"));
      return Optional.empty();
    }
  }

  private static void decider(String decider, List<FieldError> errors) {
    if (decider == null) {
      errors.add(
          new FieldError(
              "decider",
              "is required: one of "
                  + List.of(
                      "fake:long",
                      "fake:short",
                      "fake:alternate",
                      "heuristic",
                      "cache",
                      "llm[:MODEL]")));
      return;
    }
    boolean ok =
        DECIDERS.contains(decider)
            || (decider.startsWith("llm:") && MODEL.matcher(decider.substring(4)).matches());
    if (!ok) {
      errors.add(
          new FieldError(
              "decider",
              "must be fake:long, fake:short, fake:alternate, heuristic, cache, llm or llm:MODEL"));
    }
  }

  private static BigDecimal range(
      BigDecimal given,
      BigDecimal fallback,
      String field,
      String min,
      boolean minIncluded,
      String max,
      String unit,
      List<FieldError> errors) {
    BigDecimal v = given == null ? fallback : given;
    int low = v.compareTo(new BigDecimal(min));
    if (low < 0 || (low == 0 && !minIncluded) || v.compareTo(new BigDecimal(max)) > 0) {
      errors.add(
          new FieldError(
              field,
              "must be "
                  + (minIncluded ? "from " : "more than ")
                  + min
                  + " to "
                  + max
                  + " ("
                  + unit
                  + ")"));
    }
    return v;
  }
}
