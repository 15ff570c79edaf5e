package io.tai2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.RealServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tai2 history fetch|import} against the in-process simulator and an in-memory H2 history database. */
class HistoryCommandTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:30.123Z"), ZoneOffset.UTC);
  static SimServer server;

  @BeforeAll
  static void start() {
    SimMarket sim = SimMarket.randomWalk(CLOCK, 7, 3_000, 1_440);
    server = new SimServer(new SimRestApi(CLOCK, sim, Map.of(), new BigDecimal("10000")), sim, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String database() {
    return "jdbc:h2:mem:history-cli-"
        + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new Tai2Cli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Run fetch(String db) {
    return run(
        "history",
        "fetch",
        "--symbols",
        "BTC-USDT-SWAP",
        "--from",
        "2026-11-20T07:00:00Z",
        "--to",
        "2026-11-20T09:00:00Z",
        "--okx-url",
        "http://127.0.0.1:" + server.port(),
        "--database-url",
        db);
  }

  @Test
  void
      givenTwoHoursAroundAFunding_whenFetchedTwice_thenTheFirstRunStoresBarsAndFundingWithProgressAndTheSecondNothing() {
    String db = database();

    Run first = fetch(db);
    Run second = fetch(db);

    assertThat(first.exit()).isZero();
    assertThat(first.out())
        .isEqualTo(
            "BTC-USDT-SWAP bars=120 requests=2 days_fetched=1 days_complete=0 funding=1"
                + System.lineSeparator());
    assertThat(first.err())
        .contains("\rBTC-USDT-SWAP 2026-11-20  day 0/1  100 bars  1 requests")
        .contains(
            "BTC-USDT-SWAP: 120 bars stored from 2 requests (1 days fetched, 0 already complete), 1 funding rates");
    assertThat(second.exit()).isZero();
    assertThat(second.out())
        .isEqualTo(
            "BTC-USDT-SWAP bars=0 requests=0 days_fetched=0 days_complete=1 funding=0"
                + System.lineSeparator());
  }

  @Test
  void givenAPostgresqlDatabaseUrl_whenFetchedTwice_thenTheBarsLandInPostgresqlOnce()
      throws Exception {
    try (RealServices.FreshDatabase pg = RealServices.freshPostgresDatabase()) {
      Run first = fetch(pg.libpqUrl());
      Run second = fetch(pg.libpqUrl());

      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).startsWith("BTC-USDT-SWAP bars=120 requests=2 ");
      assertThat(second.out()).startsWith("BTC-USDT-SWAP bars=0 requests=0 ");
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT COUNT(*), MIN(ts), MAX(ts) FROM candles_1m WHERE inst_id = 'BTC-USDT-SWAP'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(120);
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant())
            .isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
        assertThat(rs.getObject(3, OffsetDateTime.class).toInstant())
            .isEqualTo(Instant.parse("2026-11-20T08:59:00Z"));
      }
    }
  }

  @Test
  void givenAnUnreadableTime_whenFetched_thenOneLineSaysWhyAndTheExitCodeIs2() {
    Run run =
        run(
            "history",
            "fetch",
            "--symbols",
            "BTC-USDT-SWAP",
            "--from",
            "yesterday",
            "--to",
            "2026-11-20",
            "--database-url",
            database());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "tai2 history fetch: --from yesterday is not an ISO time (2026-11-20 or 2026-11-20T00:00:00Z)"
                + System.lineSeparator());
  }

  @Test
  void givenAnotherBarSize_whenFetched_thenItIsRefusedBecauseTheStoreKeepsMinutes() {
    Run run =
        run(
            "history",
            "fetch",
            "--symbols",
            "BTC-USDT-SWAP",
            "--from",
            "2026-11-19",
            "--to",
            "2026-11-20",
            "--bar",
            "5m",
            "--database-url",
            database());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--bar 5m: the candle store keeps one-minute bars");
  }

  @Test
  void givenACandleFile_whenImportedTwice_thenItsBarsAreCountedAndThenAFiveMinuteFileIsRefused(
      @TempDir Path dir) throws Exception {
    String db = database();
    Path file =
        Files.writeString(
            dir.resolve("btc.json"),
            "[[1763596800000,91000,91010,90990,91005,12],[1763596860000,91005,91020,91000,91015,3]]");

    Run imported =
        run("history", "import", "--candles", "BTC-USDT-SWAP=" + file, "--database-url", db);
    Run refused =
        run(
            "history",
            "import",
            "--candles",
            "XRP-USDT-SWAP=src/test/resources/data/xrp-usdt-swap-5m.json",
            "--database-url",
            db);

    assertThat(imported.exit()).isZero();
    assertThat(imported.out()).isEqualTo("BTC-USDT-SWAP bars=2" + System.lineSeparator());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .contains("bars are 5 minutes apart; the candle store keeps one-minute bars")
        .hasLineCount(1);
  }
}
