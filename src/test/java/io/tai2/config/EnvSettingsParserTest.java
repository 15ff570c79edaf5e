package io.tai2.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSettingsParserTest {

  private static EnvSettings parse(Map<String, String> vars) {
    return EnvSettingsParser.parse(vars::get);
  }

  private static List<String> problems(Map<String, String> vars) {
    try {
      parse(vars);
    } catch (InvalidSettingsException e) {
      return e.problems();
    }
    throw new AssertionError("expected invalid settings for " + vars.keySet());
  }

  @Test
  void givenNoVariables_whenParsed_thenSafeDefaultsApply() {
    EnvSettings s = parse(Map.of());

    assertThat(s.okxDemo()).isTrue();
    assertThat(s.environmentLabel()).isEqualTo("DEMO");
    assertThat(s.okxCredentials()).isEmpty();
    assertThat(s.openrouterApiKey()).isEmpty();
    assertThat(s.database().isEmbedded()).isTrue();
    assertThat(s.database().jdbcUrl()).startsWith("jdbc:h2:file:./data/tai2;MODE=PostgreSQL");
    assertThat(s.redisUrl()).isEmpty();
    assertThat(s.wsUpdateIntervalSeconds()).isEqualTo(180);
    assertThat(s.snapshotMaxAgeSeconds()).isEqualTo(900);
    assertThat(s.tradingPairs()).containsExactly("BTC-USDT-SWAP");
    assertThat(s.okxBaseUrl()).isEqualTo(URI.create("https://openapi.okx.com"));
    assertThat(s.okxWsPublicUrl()).isEqualTo(URI.create("wss://wspap.okx.com:8443/ws/v5/public"));
    assertThat(s.okxWsPrivateUrl()).isEqualTo(URI.create("wss://wspap.okx.com:8443/ws/v5/private"));
    assertThat(s.okxWsBusinessUrl())
        .isEqualTo(URI.create("wss://wspap.okx.com:8443/ws/v5/business"));
    assertThat(s.openrouterBaseUrl()).isEqualTo(URI.create("https://openrouter.ai/api/v1"));
    assertThat(s.serverAddress()).isEqualTo("127.0.0.1");
    assertThat(s.serverPort()).isEqualTo(8000);
    assertThat(s.adminPassword()).isEmpty();
    assertThat(s.apiToken()).isEmpty();
    assertThat(s.okxSubAccount()).isEmpty();
    assertThat(s.okxSubAccountUseMaster()).isFalse();
  }

  @Test
  void givenLiveFlag_whenParsed_thenLiveHostsAreTheDefaultWebSockets() {
    EnvSettings s = parse(Map.of("OKX_API_FLAG", "0"));

    assertThat(s.okxDemo()).isFalse();
    assertThat(s.environmentLabel()).isEqualTo("LIVE");
    assertThat(s.okxWsPublicUrl()).isEqualTo(URI.create("wss://ws.okx.com:8443/ws/v5/public"));
  }

  @Test
  void givenEveryVariable_whenParsed_thenEachIsBound() {
    Map<String, String> vars = new HashMap<>();
    vars.put("OKX_API_KEY", "key-1");
    vars.put("OKX_SECRET_KEY", "secret-2");
    vars.put("OKX_PASSPHRASE", "pass-3");
    vars.put("OKX_SUB_ACCOUNT", "  desk1 ");
    vars.put("OKX_SUB_ACCOUNT_USE_MASTER", "no");
    vars.put("OKX_API_FLAG", "1");
    vars.put("OPENROUTER_API_KEY", "sk-or-4");
    vars.put("DATABASE_URL", "postgresql://u:p@db.example:6543/tai2");
    vars.put("REDIS_URL", "redis://127.0.0.1:6380/2");
    vars.put("WS_UPDATE_INTERVAL", "5");
    vars.put("SNAPSHOT_MAX_AGE_SECONDS", "60");
    vars.put("TRADING_PAIRS", " eth-usdt-swap, ,BTC-USDT-SWAP,eth-usdt-swap ");
    vars.put("OKX_BASE_URL", "http://127.0.0.1:18080/");
    vars.put("OKX_WS_PUBLIC_URL", "ws://127.0.0.1:18080/ws/v5/public");
    vars.put("OKX_WS_PRIVATE_URL", "ws://127.0.0.1:18080/ws/v5/private");
    vars.put("OKX_WS_BUSINESS_URL", "ws://127.0.0.1:18080/ws/v5/business");
    vars.put("OPENROUTER_BASE_URL", "http://127.0.0.1:18081/v1");
    vars.put("TAI2_ADMIN_PASSWORD", "hunter2-hunter2");
    vars.put("TAI2_API_TOKEN", "tok-5-tok-5-tok-5");
    vars.put("SERVER_ADDRESS", "0.0.0.0");
    vars.put("SERVER_PORT", "9000");
    vars.put("TAI2_ALLOWED_HOSTS", " Tai2.LAN., 192.168.1.20,[::1] ,");

    EnvSettings s = parse(vars);

    assertThat(s.okxCredentials())
        .hasValueSatisfying(
            c -> {
              assertThat(c.apiKey().reveal()).isEqualTo("key-1");
              assertThat(c.secretKey().reveal()).isEqualTo("secret-2");
              assertThat(c.passphrase().reveal()).isEqualTo("pass-3");
            });
    assertThat(s.okxSubAccount()).contains("desk1");
    assertThat(s.okxSubAccountUseMaster()).isFalse();
    assertThat(s.openrouterApiKey().orElseThrow().reveal()).isEqualTo("sk-or-4");
    assertThat(s.database().jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:6543/tai2?stringtype=unspecified");
    assertThat(s.redisUrl().orElseThrow().reveal()).isEqualTo("redis://127.0.0.1:6380/2");
    assertThat(s.wsUpdateIntervalSeconds()).isEqualTo(5);
    assertThat(s.snapshotMaxAgeSeconds()).isEqualTo(60);
    assertThat(s.tradingPairs()).containsExactly("ETH-USDT-SWAP", "BTC-USDT-SWAP");
    assertThat(s.okxBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:18080"));
    assertThat(s.okxWsPublicUrl()).isEqualTo(URI.create("ws://127.0.0.1:18080/ws/v5/public"));
    assertThat(s.okxWsPrivateUrl()).isEqualTo(URI.create("ws://127.0.0.1:18080/ws/v5/private"));
    assertThat(s.okxWsBusinessUrl()).isEqualTo(URI.create("ws://127.0.0.1:18080/ws/v5/business"));
    assertThat(s.openrouterBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:18081/v1"));
    assertThat(s.adminPassword().orElseThrow().reveal()).isEqualTo("hunter2-hunter2");
    assertThat(s.apiToken().orElseThrow().reveal()).isEqualTo("tok-5-tok-5-tok-5");
    assertThat(s.serverAddress()).isEqualTo("0.0.0.0");
    assertThat(s.serverPort()).isEqualTo(9000);
    assertThat(s.allowedHosts()).containsExactly("tai2.lan", "192.168.1.20", "0:0:0:0:0:0:0:1");
  }

  @Test
  void givenAllowedHostsWithASchemeOrPort_whenParsed_thenTheEntryIsNamed() {
    assertThat(problems(Map.of("TAI2_ALLOWED_HOSTS", "tai2.lan,http://evil.example")))
        .containsExactly(
            "TAI2_ALLOWED_HOSTS=\"tai2.lan,http://evil.example\": each entry must be a host name or an IP"
                + " address, without scheme or port (\"http://evil.example\" is not)");
    assertThat(problems(Map.of("TAI2_ALLOWED_HOSTS", "tai2.lan:8000")).getFirst())
        .contains("\"tai2.lan:8000\" is not");
  }

  @Test
  void givenNonLoopbackBind_whenThePasswordOrTokenIsShort_thenStartIsRefusedSayingWhy() {
    List<String> problems =
        problems(
            Map.of(
                "SERVER_ADDRESS",
                "0.0.0.0",
                "TAI2_ADMIN_PASSWORD",
                "elevenchars",
                "TAI2_API_TOKEN",
                "twelve-chars",
                "TAI2_ALLOWED_HOSTS",
                "tai2.lan"));

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "TAI2_ADMIN_PASSWORD: shorter than 12 characters, which can be guessed over the network")
        .doesNotContain("elevenchars");
  }

  @Test
  void givenLoopbackBind_whenThePasswordIsShort_thenItIsAccepted() {
    assertThat(parse(Map.of("TAI2_ADMIN_PASSWORD", "short")).adminPassword()).isPresent();
  }

  @Test
  void givenNonLoopbackBind_whenNoAllowedHosts_thenStartIsRefused() {
    assertThat(
            problems(
                Map.of(
                    "SERVER_ADDRESS",
                    "0.0.0.0",
                    "TAI2_ADMIN_PASSWORD",
                    "long-enough-pw",
                    "TAI2_API_TOKEN",
                    "long-enough-token")))
        .singleElement()
        .asString()
        .startsWith(
            "TAI2_ALLOWED_HOSTS: not set, but SERVER_ADDRESS=\"0.0.0.0\" is not a loopback address");
  }

  @Test
  void givenOutOfRangeNumbers_whenParsed_thenEachProblemNamesTheVariableAndTheRule() {
    List<String> problems =
        problems(
            Map.of(
                "WS_UPDATE_INTERVAL",
                "0",
                "SNAPSHOT_MAX_AGE_SECONDS",
                "59",
                "SERVER_PORT",
                "70000"));

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "WS_UPDATE_INTERVAL=\"0\": must be a whole number >= 1",
            "SNAPSHOT_MAX_AGE_SECONDS=\"59\": must be a whole number from 60 to 86400",
            "SERVER_PORT=\"70000\": must be a whole number from 1 to 65535");
  }

  @Test
  void givenMalformedValues_whenParsed_thenTheyAreRejected() {
    assertThat(problems(Map.of("WS_UPDATE_INTERVAL", "abc")))
        .containsExactly("WS_UPDATE_INTERVAL=\"abc\": must be a whole number >= 1");
    assertThat(problems(Map.of("OKX_API_FLAG", "live")).getFirst())
        .startsWith("OKX_API_FLAG=\"live\": must be 1");
    assertThat(problems(Map.of("OKX_SUB_ACCOUNT_USE_MASTER", "maybe")))
        .containsExactly("OKX_SUB_ACCOUNT_USE_MASTER=\"maybe\": must be true or false");
    assertThat(problems(Map.of("OKX_SUB_ACCOUNT_USE_MASTER", "true")))
        .singleElement()
        .asString()
        .startsWith(
            "OKX_SUB_ACCOUNT_USE_MASTER=\"true\": not supported: OKX lets only a sub-account's own API key place its orders")
        .contains("leave this unset or false");
    assertThat(problems(Map.of("OKX_SUB_ACCOUNT", "desk one")))
        .as("a name OKX could not have")
        .containsExactly(
            "OKX_SUB_ACCOUNT=\"desk one\": a sub-account name is 1 to 64 letters, digits or _ . @ - (as OKX shows it under"
                + " Sub-accounts), without spaces");
    assertThat(problems(Map.of("TAI2_SECRET_KEY", "short")))
        .as("the value is never echoed")
        .containsExactly(
            "TAI2_SECRET_KEY=\"(hidden)\": must be at least 16 characters (e.g. openssl rand -base64 32)");
    assertThat(parse(Map.of("TAI2_SECRET_KEY", "0123456789abcdef")).secretKey())
        .hasValueSatisfying(k -> assertThat(k.toString()).isEqualTo("****"));
    assertThat(problems(Map.of("TRADING_PAIRS", "BTC-USDT")).getFirst())
        .contains("\"BTC-USDT\" is not");
    assertThat(problems(Map.of("OKX_BASE_URL", "ftp://x")).getFirst())
        .startsWith("OKX_BASE_URL=\"ftp://x\": must be an absolute http or https URL");
    assertThat(problems(Map.of("OKX_WS_PUBLIC_URL", "https://x/ws")).getFirst())
        .contains("must be an absolute ws or wss URL");
    assertThat(problems(Map.of("DATABASE_URL", "mysql://u@h/db")).getFirst())
        .startsWith("DATABASE_URL: must be postgresql://");
    assertThat(problems(Map.of("REDIS_URL", "localhost:6379")).getFirst())
        .startsWith("REDIS_URL: must be redis://");
  }

  @Test
  void givenPartialOkxCredentials_whenParsed_thenTheMissingOnesAreNamedAndNoValueIsEchoed() {
    List<String> problems =
        problems(Map.of("OKX_API_KEY", "visible-key-123", "OKX_SECRET_KEY", "visible-secret-456"));

    assertThat(problems).hasSize(1);
    assertThat(problems.getFirst())
        .startsWith("OKX_PASSPHRASE: not set")
        .doesNotContain("visible-key-123", "visible-secret-456");
  }

  @Test
  void givenDatabaseUrlWithPassword_whenInvalid_thenThePasswordIsNotInTheProblem() {
    List<String> problems = problems(Map.of("DATABASE_URL", "postgresql://u:topsecret@/"));

    assertThat(problems.getFirst()).startsWith("DATABASE_URL:").doesNotContain("topsecret");
  }

  @Test
  void givenNonLoopbackBind_whenNoPasswordOrToken_thenStartIsRefused() {
    assertThat(problems(Map.of("SERVER_ADDRESS", "0.0.0.0")).getFirst())
        .startsWith(
            "SERVER_ADDRESS=\"0.0.0.0\": is not a loopback address; set TAI2_ADMIN_PASSWORD and TAI2_API_TOKEN");
    assertThat(
            problems(
                Map.of(
                    "SERVER_ADDRESS",
                    "0.0.0.0",
                    "TAI2_ADMIN_PASSWORD",
                    "password-long-enough",
                    "TAI2_ALLOWED_HOSTS",
                    "tai2.lan")))
        .hasSize(1);
    assertThat(parse(Map.of("SERVER_ADDRESS", "localhost")).serverAddress()).isEqualTo("localhost");
    assertThat(parse(Map.of("SERVER_ADDRESS", "::1")).serverAddress()).isEqualTo("::1");
  }

  @Test
  void givenSecrets_whenSettingsArePrinted_thenNoSecretAppears() {
    Map<String, String> vars = new HashMap<>();
    vars.put("OKX_API_KEY", "key-AAAA");
    vars.put("OKX_SECRET_KEY", "secret-BBBB");
    vars.put("OKX_PASSPHRASE", "pass-CCCC");
    vars.put("OPENROUTER_API_KEY", "sk-or-DDDD");
    vars.put("DATABASE_URL", "postgresql://user:db-EEEE@127.0.0.1/tai2");
    vars.put("REDIS_URL", "redis://:redis-FFFF@127.0.0.1:6379");
    vars.put("TAI2_ADMIN_PASSWORD", "admin-GGGG");
    vars.put("TAI2_API_TOKEN", "token-HHHH");

    String printed = parse(vars).toString();

    assertThat(printed)
        .doesNotContain("AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG", "HHHH")
        .contains(
            "****",
            "jdbc:postgresql://127.0.0.1:5432/tai2?stringtype=unspecified",
            "username=user");
  }

  @Test
  void givenJdbcUrlWithPasswordParameter_whenPrinted_thenItIsMasked() {
    DatabaseTarget target =
        DatabaseTarget.parse("jdbc:postgresql://h/db?user=u&password=IIII&ssl=true");

    assertThat(target.toString())
        .doesNotContain("IIII")
        .contains("password=****&ssl=true&stringtype=unspecified");
  }

  @Test
  void
      givenNoNotificationVariables_whenParsed_thenNoTelegramNoWebhooksEveryEventAndTheRealBotApi() {
    NotificationSettings n = parse(Map.of()).notifications();

    assertThat(n.telegramBotToken()).isEmpty();
    assertThat(n.telegramChatId()).isEmpty();
    assertThat(n.telegramApiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
    assertThat(n.webhookUrls()).isEmpty();
    assertThat(n.events()).containsExactly("all");
    assertThat(n.staleDataSeconds()).isEqualTo(120);
    assertThat(n.llmFailuresInARow()).isEqualTo(3);
  }

  @Test
  void
      givenTheNotificationThresholds_whenParsed_thenKeptWithinTheirBoundsAndRefusedByNameOutside() {
    NotificationSettings n =
        parse(Map.of("TAI2_NOTIFY_STALE_DATA_SECONDS", "300", "TAI2_NOTIFY_LLM_FAILURES", "5"))
            .notifications();
    assertThat(n.staleDataSeconds()).isEqualTo(300);
    assertThat(n.llmFailuresInARow()).isEqualTo(5);

    assertThat(
            problems(
                Map.of("TAI2_NOTIFY_STALE_DATA_SECONDS", "5", "TAI2_NOTIFY_LLM_FAILURES", "0")))
        .containsExactlyInAnyOrder(
            "TAI2_NOTIFY_STALE_DATA_SECONDS=\"5\": must be a whole number from 10 to 86400",
            "TAI2_NOTIFY_LLM_FAILURES=\"0\": must be a whole number from 1 to 100");
  }

  @Test
  void givenTelegramWebhooksAndEvents_whenParsed_thenTheyAreKeptWithTheSecretsMasked() {
    EnvSettings s =
        parse(
            Map.of(
                "TAI2_TELEGRAM_BOT_TOKEN",
                "123:tok-SECRET",
                "TAI2_TELEGRAM_CHAT_ID",
                "-100987",
                "TELEGRAM_API_URL",
                "http://127.0.0.1:18080/",
                "TAI2_WEBHOOK_URLS",
                " https://hooks.slack.com/services/T/B/SECRETX , http://127.0.0.1:9/h ",
                "TAI2_NOTIFY_EVENTS",
                "Entry_Filled, kill_switch,"));
    NotificationSettings n = s.notifications();

    assertThat(n.telegramBotToken().orElseThrow().reveal()).isEqualTo("123:tok-SECRET");
    assertThat(n.telegramChatId()).contains("-100987");
    assertThat(n.telegramApiUrl()).isEqualTo(URI.create("http://127.0.0.1:18080"));
    assertThat(n.webhookUrls())
        .extracting(Secret::reveal)
        .containsExactly("https://hooks.slack.com/services/T/B/SECRETX", "http://127.0.0.1:9/h");
    assertThat(n.events()).containsExactly("entry_filled", "kill_switch");
    assertThat(s.toString()).doesNotContain("tok-SECRET").doesNotContain("SECRETX");
  }

  @Test
  void
      givenATokenWithoutAChatIdOrABadWebhook_whenParsed_thenBothAreNamedWithoutEchoingTheSecrets() {
    List<String> problems =
        problems(
            Map.of(
                "TAI2_TELEGRAM_BOT_TOKEN",
                "123:tok-SECRET",
                "TAI2_WEBHOOK_URLS",
                "https://ok.example/h,ftp://x/SECRETX"));

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("TAI2_TELEGRAM_CHAT_ID: not set"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "TAI2_WEBHOOK_URLS: entry 2 is not an absolute http or https URL with a host"));
    assertThat(String.join(" ", problems)).doesNotContain("tok-SECRET").doesNotContain("SECRETX");
    assertThat(
            problems(
                Map.of(
                    "TAI2_TELEGRAM_BOT_TOKEN", "12 3:tok SECRET", "TAI2_TELEGRAM_CHAT_ID", "42")))
        .as("it would go into a URL")
        .containsExactly(
            "TAI2_TELEGRAM_BOT_TOKEN: is not a bot token as @BotFather gives it (digits, a colon, then letters, digits, _ or -)");
    assertThat(
            problems(Map.of("TAI2_TELEGRAM_BOT_TOKEN", "1:t", "TAI2_TELEGRAM_CHAT_ID", "my chat")))
        .containsExactly(
            "TAI2_TELEGRAM_CHAT_ID=\"my chat\": must be a numeric chat id (e.g. 123456789, or -100… for a group) or a channel's @username");
  }
}
