package io.tai2.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns raw variables into {@link EnvSettings}, collecting every problem before failing so the operator sees them
 * all at once. Pure: the lookup function is the only input.
 */
public final class EnvSettingsParser {

  /** Every variable tai2 reads at start-up, in README order. */
  public static final List<String> VARIABLES =
      List.of(
          "OKX_API_KEY",
          "OKX_SECRET_KEY",
          "OKX_PASSPHRASE",
          "OKX_SUB_ACCOUNT",
          "OKX_SUB_ACCOUNT_USE_MASTER",
          "OKX_API_FLAG",
          "OPENROUTER_API_KEY",
          "DATABASE_URL",
          "REDIS_URL",
          "WS_UPDATE_INTERVAL",
          "SNAPSHOT_MAX_AGE_SECONDS",
          "TRADING_PAIRS",
          "OKX_BASE_URL",
          "OKX_WS_PUBLIC_URL",
          "OKX_WS_PRIVATE_URL",
          "OKX_WS_BUSINESS_URL",
          "OPENROUTER_BASE_URL",
          "TAI2_ADMIN_PASSWORD",
          "TAI2_API_TOKEN",
          "TAI2_SECRET_KEY",
          "SERVER_ADDRESS",
          "SERVER_PORT",
          "TAI2_ALLOWED_HOSTS",
          "TAI2_TELEGRAM_BOT_TOKEN",
          "TAI2_TELEGRAM_CHAT_ID",
          "TELEGRAM_API_URL",
          "TAI2_WEBHOOK_URLS",
          "TAI2_NOTIFY_EVENTS",
          "TAI2_NOTIFY_STALE_DATA_SECONDS",
          "TAI2_NOTIFY_LLM_FAILURES");

  static final String DEFAULT_PAIR = "BTC-USDT-SWAP";

  private final Function<String, String> lookup;
  private final List<String> problems = new ArrayList<>();

  private EnvSettingsParser(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  /**
   * Parses the variables the lookup returns (null or blank = unset).
   *
   * @throws InvalidSettingsException listing every invalid variable
   */
  public static EnvSettings parse(Function<String, String> lookup) {
    return new EnvSettingsParser(lookup).parse();
  }

  private Optional<Secret> secretKey() {
    Optional<String> key = text("TAI2_SECRET_KEY");
    if (key.isPresent() && key.get().length() < 16) {
      problem(
          "TAI2_SECRET_KEY",
          "(hidden)",
          "must be at least 16 characters (e.g. openssl rand -base64 32)");
      return Optional.empty();
    }
    return key.map(Secret::of);
  }

  private EnvSettings parse() {
    boolean demo = okxFlag();
    String wsHost = demo ? "wss://wspap.okx.com:8443" : "wss://ws.okx.com:8443";
    Optional<Secret> adminPassword = text("TAI2_ADMIN_PASSWORD").map(Secret::of);
    Optional<Secret> apiToken = text("TAI2_API_TOKEN").map(Secret::of);
    String serverAddress = text("SERVER_ADDRESS").orElse("127.0.0.1");
    List<String> allowedHosts = allowedHosts();
    EnvSettings settings =
        new EnvSettings(
            okxCredentials(),
            subAccount(),
            subAccountUseMaster(),
            demo,
            text("OPENROUTER_API_KEY").map(Secret::of),
            database(),
            redisUrl(),
            integer("WS_UPDATE_INTERVAL", 180, 1),
            integer(
                "SNAPSHOT_MAX_AGE_SECONDS",
                900,
                GuardrailSettings.MIN_SNAPSHOT_MAX_AGE_SECONDS,
                GuardrailSettings.MAX_SNAPSHOT_MAX_AGE_SECONDS),
            tradingPairs(),
            url("OKX_BASE_URL", "https://openapi.okx.com", "http", "https"),
            url("OKX_WS_PUBLIC_URL", wsHost + "/ws/v5/public", "ws", "wss"),
            url("OKX_WS_PRIVATE_URL", wsHost + "/ws/v5/private", "ws", "wss"),
            url("OKX_WS_BUSINESS_URL", wsHost + "/ws/v5/business", "ws", "wss"),
            url("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1", "http", "https"),
            adminPassword,
            apiToken,
            secretKey(),
            serverAddress,
            integer("SERVER_PORT", 8000, 1, 65535),
            allowedHosts,
            notifications());
    checkExposure(serverAddress, adminPassword, apiToken, allowedHosts);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return settings;
  }

  /**
   * Where notifications go: Telegram needs both the token and the chat id (one without the other is refused, so a typo is
   * not silence); webhook URLs may hold tokens in their path (Slack, Discord), so they are secrets too and never echoed.
   */
  private NotificationSettings notifications() {
    Optional<Secret> token = text("TAI2_TELEGRAM_BOT_TOKEN").map(Secret::of);
    Optional<String> chatId = text("TAI2_TELEGRAM_CHAT_ID");
    if (token.isPresent() != chatId.isPresent()) {
      problems.add(
          (token.isPresent() ? "TAI2_TELEGRAM_CHAT_ID" : "TAI2_TELEGRAM_BOT_TOKEN")
              + ": not set, but the other Telegram variable is; set TAI2_TELEGRAM_BOT_TOKEN and TAI2_TELEGRAM_CHAT_ID together, or neither");
    }
    token
        .filter(t -> !NotificationSettings.BOT_TOKEN.matcher(t.reveal()).matches())
        .ifPresent(
            t ->
                problems.add(
                    "TAI2_TELEGRAM_BOT_TOKEN: is not a bot token as @BotFather gives it (digits, a colon, then letters, digits, _ or -)"));
    chatId
        .filter(id -> !NotificationSettings.CHAT_ID.matcher(id).matches())
        .ifPresent(
            id ->
                problem(
                    "TAI2_TELEGRAM_CHAT_ID",
                    id,
                    "must be a numeric chat id (e.g. 123456789, or -100… for a group) or a channel's @username"));
    URI apiUrl = url("TELEGRAM_API_URL", "https://api.telegram.org", "http", "https");
    List<Secret> webhooks = new ArrayList<>();
    text("TAI2_WEBHOOK_URLS")
        .ifPresent(
            value -> {
              int position = 0;
              for (String part : value.split(",")) {
                String entry = part.trim();
                if (entry.isEmpty()) {
                  continue;
                }
                position++;
                if (!NotificationSettings.isWebhookUrl(entry)) {
                  problems.add(
                      "TAI2_WEBHOOK_URLS: entry "
                          + position
                          + " is not an absolute http or https URL with a host");
                  continue;
                }
                webhooks.add(Secret.of(entry));
              }
            });
    List<String> events =
        text("TAI2_NOTIFY_EVENTS")
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(e -> e.trim().toLowerCase(Locale.ROOT))
                        .filter(e -> !e.isEmpty())
                        .distinct()
                        .toList())
            .orElse(List.of("all"));
    return new NotificationSettings(
        token.filter(t -> chatId.isPresent()),
        chatId.filter(c -> token.isPresent()),
        apiUrl,
        webhooks,
        events,
        integer(
            "TAI2_NOTIFY_STALE_DATA_SECONDS",
            NotificationSettings.DEFAULT_STALE_DATA_SECONDS,
            10,
            86_400),
        integer(
            "TAI2_NOTIFY_LLM_FAILURES",
            NotificationSettings.DEFAULT_LLM_FAILURES_IN_A_ROW,
            1,
            100));
  }

  private Optional<String> text(String name) {
    String value = lookup.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private void problem(String name, String value, String allowed) {
    problems.add(name + "=\"" + value + "\": " + allowed);
  }

  /** The sub-account the OKX keys are expected to belong to (checked against OKX at start, see the subaccount module). */
  private Optional<String> subAccount() {
    Optional<String> name = text("OKX_SUB_ACCOUNT");
    name.flatMap(OkxRuntimeSettings::subAccountProblem)
        .ifPresent(problem -> problem("OKX_SUB_ACCOUNT", name.get(), problem));
    return name.filter(n -> OkxRuntimeSettings.subAccountProblem(n).isEmpty());
  }

  /**
   * Routing a sub-account's orders through the master key is not possible on OKX: no order endpoint takes a sub-account,
   * so orders always go with the sub-account's own key. {@code true} stops the start, so it is never silently ignored.
   */
  private boolean subAccountUseMaster() {
    if (bool("OKX_SUB_ACCOUNT_USE_MASTER", false)) {
      problem(
          "OKX_SUB_ACCOUNT_USE_MASTER",
          text("OKX_SUB_ACCOUNT_USE_MASTER").orElse(""),
          "not supported: OKX lets only a sub-account's own API key place its orders (no order endpoint takes a sub-account), so tai2"
              + " always trades with the sub-account's key; set OKX_API_KEY/OKX_SECRET_KEY/OKX_PASSPHRASE to the sub-account's keys, enter the"
              + " master keys on CFG (OKX sub-account) for balances and transfers, and leave this unset or false");
    }
    return false;
  }

  private boolean okxFlag() {
    String flag = text("OKX_API_FLAG").orElse("1");
    if (!flag.equals("0") && !flag.equals("1")) {
      problem(
          "OKX_API_FLAG",
          flag,
          "must be 1 (demo trading, the default) or 0 (live trading with real money)");
      return true;
    }
    return flag.equals("1");
  }

  private Optional<OkxCredentials> okxCredentials() {
    List<String> names = List.of("OKX_API_KEY", "OKX_SECRET_KEY", "OKX_PASSPHRASE");
    List<String> missing = names.stream().filter(n -> text(n).isEmpty()).toList();
    if (missing.size() == names.size()) {
      return Optional.empty();
    }
    if (!missing.isEmpty()) {
      // Never echo the values that are set: they are secrets.
      problems.add(
          String.join(", ", missing)
              + ": not set, but other OKX credentials are; set OKX_API_KEY, OKX_SECRET_KEY and OKX_PASSPHRASE"
              + " together, or none of them for market data only");
      return Optional.empty();
    }
    return Optional.of(
        new OkxCredentials(
            Secret.of(text("OKX_API_KEY").orElseThrow()),
            Secret.of(text("OKX_SECRET_KEY").orElseThrow()),
            Secret.of(text("OKX_PASSPHRASE").orElseThrow())));
  }

  private boolean bool(String name, boolean fallback) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> {
        problem(name, value.get(), "must be true or false");
        yield fallback;
      }
    };
  }

  private int integer(String name, int fallback, int min) {
    return integer(name, fallback, min, Integer.MAX_VALUE);
  }

  private int integer(String name, int fallback, int min, int max) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    String allowed =
        max == Integer.MAX_VALUE
            ? "must be a whole number >= " + min
            : "must be a whole number from " + min + " to " + max;
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        problem(name, value.get(), allowed);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problem(name, value.get(), allowed);
      return fallback;
    }
  }

  private List<String> tradingPairs() {
    Optional<String> value = text("TRADING_PAIRS");
    if (value.isEmpty()) {
      return List.of(DEFAULT_PAIR);
    }
    Set<String> pairs = new LinkedHashSet<>();
    for (String part : value.get().split(",")) {
      String pair = part.trim().toUpperCase(Locale.ROOT);
      if (pair.isEmpty()) {
        continue;
      }
      if (!MarketRuntimeSettings.isSwapId(pair)) {
        problem(
            "TRADING_PAIRS",
            value.get(),
            "each pair must be an OKX perpetual swap id such as BTC-USDT-SWAP (\""
                + pair
                + "\" is not)");
        return List.of(DEFAULT_PAIR);
      }
      pairs.add(pair);
    }
    return pairs.isEmpty() ? List.of(DEFAULT_PAIR) : List.copyOf(pairs);
  }

  private URI url(String name, String fallback, String... schemes) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return URI.create(fallback);
    }
    String allowed = "must be an absolute " + String.join(" or ", schemes) + " URL with a host";
    try {
      URI uri = URI.create(value.get().replaceAll("/+$", ""));
      if (uri.getScheme() == null
          || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
          || uri.getHost() == null) {
        problem(name, value.get(), allowed);
        return URI.create(fallback);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      problem(name, value.get(), allowed);
      return URI.create(fallback);
    }
  }

  private DatabaseTarget database() {
    Optional<String> value = text("DATABASE_URL");
    if (value.isEmpty()) {
      return DatabaseTarget.embedded();
    }
    try {
      return DatabaseTarget.parse(value.get());
    } catch (IllegalArgumentException e) {
      // The URL may hold a password: name the variable, not the value.
      problems.add("DATABASE_URL: " + e.getMessage());
      return DatabaseTarget.embedded();
    }
  }

  private Optional<Secret> redisUrl() {
    Optional<String> value = text("REDIS_URL");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(value.get());
      if (uri.getScheme() == null
          || !List.of("redis", "rediss").contains(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return Optional.of(Secret.of(value.get()));
    } catch (IllegalArgumentException e) {
      problems.add("REDIS_URL: must be redis://[:password@]host[:port][/db] or rediss://…");
      return Optional.empty();
    }
  }

  /** Minimum length of the password and the token when tai2 listens beyond this machine. */
  public static final int MIN_EXPOSED_SECRET_LENGTH = 12;

  private void checkExposure(
      String address,
      Optional<Secret> password,
      Optional<Secret> token,
      List<String> allowedHosts) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      problem("SERVER_ADDRESS", address, "is not a known host name or IP address");
      return;
    }
    if (!loopback) {
      problems.addAll(
          exposureProblems("SERVER_ADDRESS=\"" + address + "\"", password, token, allowedHosts));
    }
  }

  /**
   * Why tai2 must not listen on a non-loopback address with these settings (empty = it may): a password and a token,
   * each long enough not to be guessed over the network, and the host names it is reached by. {@code bind} names the
   * address and where it came from, e.g. {@code SERVER_ADDRESS="0.0.0.0"}.
   */
  public static List<String> exposureProblems(
      String bind, Optional<Secret> password, Optional<Secret> token, List<String> allowedHosts) {
    List<String> out = new ArrayList<>();
    if (password.isEmpty() || token.isEmpty()) {
      out.add(
          bind
              + ": is not a loopback address; set TAI2_ADMIN_PASSWORD and TAI2_API_TOKEN before exposing tai2 beyond"
              + " this machine, or bind to 127.0.0.1");
    }
    password
        .filter(p -> p.reveal().length() < MIN_EXPOSED_SECRET_LENGTH)
        .ifPresent(
            p ->
                out.add(
                    "TAI2_ADMIN_PASSWORD:"
                        + " shorter than "
                        + MIN_EXPOSED_SECRET_LENGTH
                        + " characters, which can be guessed over the network ("
                        + bind
                        + " is not loopback); use a longer one (e.g. openssl rand -base64 18)"));
    token
        .filter(t -> t.reveal().length() < MIN_EXPOSED_SECRET_LENGTH)
        .ifPresent(
            t ->
                out.add(
                    "TAI2_API_TOKEN:"
                        + " shorter than "
                        + MIN_EXPOSED_SECRET_LENGTH
                        + " characters, which can be guessed over the network ("
                        + bind
                        + " is not loopback); use a longer one (e.g. openssl rand -hex 24)"));
    if (allowedHosts.isEmpty()) {
      out.add(
          "TAI2_ALLOWED_HOSTS: not set, but "
              + bind
              + " is not a loopback address; list the host names or addresses"
              + " browsers and scripts use to reach tai2 (e.g. TAI2_ALLOWED_HOSTS=tai2.lan,192.168.1.20), so requests for"
              + " any other host (DNS rebinding) are refused");
    }
    return out;
  }

  /** {@code TAI2_ALLOWED_HOSTS}: comma-separated host names or IP literals, no scheme or port; normalised to lower case. */
  private List<String> allowedHosts() {
    Optional<String> value = text("TAI2_ALLOWED_HOSTS");
    if (value.isEmpty()) {
      return List.of();
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (String part : value.get().split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      Optional<String> host = normalisedHost(entry);
      if (host.isEmpty()) {
        problem(
            "TAI2_ALLOWED_HOSTS",
            value.get(),
            "each entry must be a host name or an IP address, without scheme or"
                + " port (\""
                + entry
                + "\" is not)");
        return List.of();
      }
      hosts.add(host.get());
    }
    return List.copyOf(hosts);
  }

  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

  /**
   * A host as tai2 compares it: lower case, no trailing dot, an IPv6 literal without brackets in its canonical form;
   * empty when {@code host} is neither a host name nor an IP literal.
   */
  public static Optional<String> normalisedHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.contains(":")) {
      // An IPv6 literal: only hex digits, colons and dots, so getByName never asks DNS.
      if (!h.matches("[0-9a-f:.]+")) {
        return Optional.empty();
      }
      try {
        return Optional.of(InetAddress.getByName(h).getHostAddress());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return h.length() <= 253 && HOST_NAME.matcher(h).matches() ? Optional.of(h) : Optional.empty();
  }
}
