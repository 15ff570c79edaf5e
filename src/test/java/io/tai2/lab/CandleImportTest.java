package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.history.CandleRepository;
import io.tai2.history.MinuteBar;
import io.tai2.history.SchemaDialect;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Candle files of both layouts the simulator reads go into the candle store unchanged. */
class CandleImportTest {

  static final Instant T0 = Instant.ofEpochMilli(1_763_596_800_000L); // 2025-11-20T00:00:00Z

  @TempDir Path dir;
  CandleRepository store;

  @BeforeEach
  void database() {
    DriverManagerDataSource ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:import-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure()
        .dataSource(ds)
        .locations(SchemaDialect.H2.flywayLocations().toArray(String[]::new))
        .placeholders(SchemaDialect.H2.flywayPlaceholders())
        .load()
        .migrate();
    store = new CandleRepository(JdbcClient.create(ds));
  }

  static MinuteBar bar(long minute, String o, String h, String l, String c, String v) {
    return new MinuteBar(
        T0.plusSeconds(60 * minute),
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(c),
        new BigDecimal(v));
  }

  @Test
  void givenTheNumbersLayoutOldestFirst_whenImported_thenEveryBarIsStoredWithItsDecimalsExact()
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("btc.json"),
            "[[1763596800000,91000.5,91010,90990.25,91005,12.3],[1763596860000,91005,91020,91000,91015.75,0.001]]");

    int n = CandleImport.importFile(store, "BTC-USDT-SWAP", file);

    assertThat(n).isEqualTo(2);
    assertThat(store.range("BTC-USDT-SWAP", T0, T0.plusSeconds(3600)))
        .containsExactly(
            bar(0, "91000.5", "91010", "90990.25", "91005", "12.3"),
            bar(1, "91005", "91020", "91000", "91015.75", "0.001"));
  }

  @Test
  void givenOkxsStringLayoutNewestFirst_whenImportedTwice_thenTheBarsAreStoredOnceOldestFirst()
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("eth.json"),
            """
        [["1763596860000","3001.1","3002","3000","3001.5","40","0.4","1200.6","1"],
         ["1763596800000","3000","3001.2","2999.9","3001.1","25","0.25","750.3","1"]]""");

    CandleImport.importFile(store, "ETH-USDT-SWAP", file);
    CandleImport.importFile(store, "ETH-USDT-SWAP", file);

    assertThat(store.range("ETH-USDT-SWAP", T0, T0.plusSeconds(3600)))
        .containsExactly(
            bar(0, "3000", "3001.2", "2999.9", "3001.1", "25"),
            bar(1, "3001.1", "3002", "3000", "3001.5", "40"));
  }

  @Test
  void givenFiveMinuteBars_whenImported_thenItIsRefusedWithTheReasonAndNothingIsStored() {
    Path file = Path.of("src/test/resources/data/xrp-usdt-swap-5m.json");

    assertThatThrownBy(() -> CandleImport.importFile(store, "XRP-USDT-SWAP", file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bars are 5 minutes apart; the candle store keeps one-minute bars");
    assertThat(store.oldest("XRP-USDT-SWAP")).isEmpty();
  }
}
