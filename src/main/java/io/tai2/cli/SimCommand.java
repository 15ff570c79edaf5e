package io.tai2.cli;

import io.tai2.sim.CandleFile;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.FakeLlmStrategy;
import io.tai2.sim.FakeTelegram;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimClock;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the OKX-compatible simulator and the fake LLM on loopback until stopped. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Run the OKX-compatible exchange simulator on 127.0.0.1: REST under /api/v5, WebSocket on /ws/v5/{public,private,business}.",
      "Point tai2 at it with OKX_BASE_URL=http://127.0.0.1:<port> and the keys below.",
      "A fake OpenRouter (OpenAI-compatible) LLM answers under /api/v1: OPENROUTER_BASE_URL=http://127.0.0.1:<port>/api/v1.",
      "Control API: /__sim/journal, /__sim/faults, /__sim/price, /__sim/advance, /__sim/clock, /__sim/ws, /__sim/scenario,",
      "/__sim/llm/{replies,faults,credits,requests,strategy} (see README)."
    })
final class SimCommand implements Runnable {

  @Option(
      names = "--port",
      defaultValue = "18080",
      description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--api-key",
      defaultValue = "sim-key",
      description = "API key the simulator accepts. Default: ${DEFAULT-VALUE}.")
  String apiKey;

  @Option(
      names = "--secret",
      defaultValue = "sim-secret",
      description = "Secret of that key. Default: ${DEFAULT-VALUE}.")
  String secret;

  @Option(
      names = "--passphrase",
      defaultValue = "sim-pass",
      description = "Passphrase of that key. Default: ${DEFAULT-VALUE}.")
  String passphrase;

  @Option(
      names = "--llm-key",
      defaultValue = "sim-llm-key",
      description = "API key the fake LLM accepts (OPENROUTER_API_KEY). Default: ${DEFAULT-VALUE}.")
  String llmKey;

  @Option(names = "--no-llm", description = "Do not serve the fake LLM under /api/v1.")
  boolean noLlm;

  @Option(
      names = "--telegram-token",
      defaultValue = "sim-bot-token",
      description =
          "Bot token the fake Telegram Bot API under /bot<token>/ accepts (TAI2_TELEGRAM_BOT_TOKEN). Default: ${DEFAULT-VALUE}.")
  String telegramToken;

  @Option(
      names = "--llm-strategy",
      paramLabel = "KIND",
      description = {
        "Answer unscripted LLM requests from the prompt instead of HOLD: alternate (BUY and SELL in turn per symbol), long or",
        "short; CLOSE when a position is open on the symbol. Stop and target from --llm-stop-pct / --llm-take-pct."
      })
  String llmStrategy;

  @Option(
      names = "--llm-stop-pct",
      defaultValue = "1.0",
      description =
          "Stop-loss distance of --llm-strategy in % of the price. Default: ${DEFAULT-VALUE}.")
  BigDecimal llmStopPct;

  @Option(
      names = "--llm-take-pct",
      defaultValue = "2.0",
      description =
          "Take-profit distance of --llm-strategy in % of the price. Default: ${DEFAULT-VALUE}.")
  BigDecimal llmTakePct;

  @Option(
      names = "--live-key",
      description = "Make the key a live key (requests must then omit x-simulated-trading: 1).")
  boolean liveKey;

  @Option(
      names = "--balance",
      defaultValue = "10000",
      description = "Starting USDT balance. Default: ${DEFAULT-VALUE}.")
  BigDecimal balance;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the random-walk price path. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--sub-account",
      paramLabel = "NAME=KEY:SECRET:PASSPHRASE",
      description =
          "A sub-account of the main key with its own key set, balance and positions; repeatable.")
  Map<String, String> subAccounts = new LinkedHashMap<>();

  @Option(
      names = "--rate-limits",
      description =
          "Enforce OKX's per-endpoint request limits per user (breaches answer 429 / 50011).")
  boolean rateLimits;

  @Option(
      names = "--reject-sub-acct",
      description =
          "Refuse the undocumented subAcct field on trading endpoints with 51000 (default: ignore it).")
  boolean rejectSubAcct;

  @Option(
      names = "--speed",
      defaultValue = "0",
      description = {
        "Simulated minutes per real minute: the price path walks four steps per one-minute bar (open, both extremes,",
        "close), so --speed 60 plays one bar per second. 0 (default) holds the path still; /__sim/advance moves it."
      })
  double speed;

  @Option(
      names = "--synthetic",
      defaultValue = "0",
      description =
          "Add this many made-up swaps (SYN0001-USDT-SWAP …) for load tests, e.g. with tai2 bench --simulator. Default: ${DEFAULT-VALUE}.")
  int synthetic;

  @Option(
      names = "--candles",
      paramLabel = "INSTID=FILE",
      description = {
        "Replay a candle file as that instrument's price path, e.g. XRP-USDT-SWAP=src/test/resources/data/xrp-usdt-swap-5m.json.",
        "Both layouts ([ts,o,h,l,c,v] numbers, or OKX strings) and either order; repeatable. Others: seeded random walk.",
        "The seeded walk (6 years of one-minute history, the same for the same --seed) continues before the file's first bar."
      })
  Map<String, Path> candles = new LinkedHashMap<>();

  @Override
  public void run() {
    SimAccount account = new SimAccount(apiKey, secret, passphrase, !liveKey, false);
    Clock clock = new SimClock(Clock.systemUTC());
    // The walk is generated on demand, so its length costs nothing: ~19 years ahead, 6 years of
    // history behind.
    SimMarket market = SimMarket.randomWalk(clock, seed, 10_000_000, 1_440, synthetic);
    for (var entry : candles.entrySet()) {
      market = market.withCandles(entry.getKey(), CandleFile.read(entry.getValue()));
    }
    SimMarket path = market;
    Map<String, SimAccount> keys = new LinkedHashMap<>();
    keys.put(apiKey, account);
    subAccounts.forEach(
        (name, keySet) -> {
          String[] parts = keySet.split(":", 3);
          if (parts.length != 3) {
            throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this),
                "--sub-account "
                    + name
                    + " needs KEY:SECRET:PASSPHRASE, e.g. tai2sub1=subkey:subsecret:subpass");
          }
          keys.put(parts[0], SimAccount.sub(parts[0], parts[1], parts[2], !liveKey, apiKey, name));
        });
    SimRestApi api = new SimRestApi(clock, path, keys, balance);
    api.enforceRateLimits(rateLimits);
    if (rejectSubAcct) {
      api.subAcctPolicy(SimRestApi.SubAcctPolicy.REJECT);
    }
    ScheduledExecutorService pacer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sim-speed").factory());
    if (speed > 0) {
      long stepMicros = Math.max(1_000, (long) (15_000_000 / speed)); // a minute has four steps
      pacer.scheduleAtFixedRate(path::step, stepMicros, stepMicros, TimeUnit.MICROSECONDS);
    }
    FakeLlm llm = noLlm ? null : new FakeLlm(clock, llmKey);
    if (llm != null && llmStrategy != null) {
      llm.strategy(
          Optional.of(
              new FakeLlmStrategy(
                  FakeLlmStrategy.Kind.parse(llmStrategy),
                  llmStopPct,
                  llmTakePct,
                  new BigDecimal("0.05"))));
    }
    FakeTelegram telegram = new FakeTelegram(clock, telegramToken);
    try (pacer;
        SimServer server = new SimServer(api, path, llm, telegram, port)) {
      System.out.println(
          "tai2 sim: listening on http://127.0.0.1:"
              + server.port()
              + " ("
              + (liveKey ? "live" : "demo")
              + " key "
              + apiKey
              + ")");
      if (llm != null) {
        System.out.println(
            "tai2 sim: fake LLM at OPENROUTER_BASE_URL=http://127.0.0.1:"
                + server.port()
                + "/api/v1 (key "
                + llmKey
                + ")");
      }
      System.out.println(
          "tai2 sim: fake Telegram at TELEGRAM_API_URL=http://127.0.0.1:"
              + server.port()
              + " (TAI2_TELEGRAM_BOT_TOKEN="
              + telegramToken
              + ", any TAI2_TELEGRAM_CHAT_ID; write to the bot with POST /__sim/telegram/updates)");
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
