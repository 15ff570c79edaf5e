package io.tai2.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service under test at an OKX simulator on loopback, with the simulator's test account k / s / p. */
public final class SimProperties {

  private SimProperties() {}

  /** Every OKX URL and the keys of the simulator account {@code k}. */
  public static void okx(DynamicPropertyRegistry registry, int port) {
    String ws = "ws://127.0.0.1:" + port + "/ws/v5/";
    registry.add("OKX_BASE_URL", () -> "http://127.0.0.1:" + port);
    registry.add("OKX_WS_PUBLIC_URL", () -> ws + "public");
    registry.add("OKX_WS_PRIVATE_URL", () -> ws + "private");
    registry.add("OKX_WS_BUSINESS_URL", () -> ws + "business");
    registry.add("OKX_API_KEY", () -> "k");
    registry.add("OKX_SECRET_KEY", () -> "s");
    registry.add("OKX_PASSPHRASE", () -> "p");
  }

  /** As {@link #okx} plus the simulator's fake LLM with the key {@code llm-key}. */
  public static void okxAndLlm(DynamicPropertyRegistry registry, int port) {
    okx(registry, port);
    registry.add("OPENROUTER_API_KEY", () -> "llm-key");
    registry.add("OPENROUTER_BASE_URL", () -> "http://127.0.0.1:" + port + "/api/v1");
  }
}
