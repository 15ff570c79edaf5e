package io.tai2.okx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One WebSocket subscription argument: a channel plus the instrument or instrument type it is for (empty when not
 * used). Knows which service carries it (docs/spec/okx-openrouter-protocols.md §8.1).
 */
public record OkxWsArg(String channel, String instId, String instType) {

  /** The three OKX WebSocket services. */
  public enum Service {
    PUBLIC,
    PRIVATE,
    BUSINESS
  }

  /** A per-instrument channel, e.g. {@code tickers}, {@code books}, {@code candle5m}. */
  public static OkxWsArg of(String channel, String instId) {
    return new OkxWsArg(channel, instId, "");
  }

  /** A per-type channel, e.g. {@code liquidation-orders}, {@code orders}, {@code positions} with {@code SWAP}. */
  public static OkxWsArg byType(String channel, String instType) {
    return new OkxWsArg(channel, "", instType);
  }

  public static OkxWsArg account() {
    return new OkxWsArg("account", "", "");
  }

  public Service service() {
    return switch (channel) {
      case "account", "positions", "orders" -> Service.PRIVATE;
      case "orders-algo" -> Service.BUSINESS;
      default -> channel.startsWith("candle") ? Service.BUSINESS : Service.PUBLIC;
    };
  }

  /** Whether the channel needs a logged-in connection. */
  public boolean needsLogin() {
    return service() == Service.PRIVATE || channel.equals("orders-algo");
  }

  /** The arg object as sent; empty fields are left out. */
  Map<String, String> json() {
    Map<String, String> arg = new LinkedHashMap<>();
    arg.put("channel", channel);
    if (!instType.isEmpty()) {
      arg.put("instType", instType);
    }
    if (!instId.isEmpty()) {
      arg.put("instId", instId);
    }
    return arg;
  }
}
