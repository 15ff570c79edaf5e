package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleFileTest {

  static Path xrp() throws URISyntaxException {
    return Path.of(CandleFileTest.class.getResource("/data/xrp-usdt-swap-5m.json").toURI());
  }

  @Test
  void givenTheRecordedXrpFile_whenRead_thenEveryFiveMinuteBarComesOldestFirstWithExactDecimals()
      throws Exception {
    List<CandleFile.Row> rows = CandleFile.read(xrp());

    assertThat(rows).hasSize(1999); // the data README says 2000; the file holds 1999
    assertThat(CandleFile.barLength(rows)).isEqualTo(Duration.ofMinutes(5));
    CandleFile.Row first = rows.getFirst();
    assertThat(first.ts()).isEqualTo(Instant.ofEpochMilli(1636934400000L));
    assertThat(first.open()).isEqualByComparingTo("1.1893");
    assertThat(first.high()).isEqualByComparingTo("1.1954");
    assertThat(first.low()).isEqualByComparingTo("1.1891");
    assertThat(first.close()).isEqualByComparingTo("1.1941");
    assertThat(rows.get(1).ts()).isAfter(first.ts());
  }

  @Test
  void givenOkxLayoutNewestFirst_whenRead_thenRowsAreOldestFirst(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("okx.json");
    Files.writeString(
        file,
        """
        [["1764064800000","60010.1","60020.0","60001.2","60012.3","1532.4","15.324","919723.5","0"],
         ["1764064740000","59998.0","60015.5","59990.1","60010.1","2210.0","22.1","1326012.2","1"]]""");

    List<CandleFile.Row> rows = CandleFile.read(file);

    assertThat(rows)
        .extracting(CandleFile.Row::close)
        .containsExactly(new BigDecimal("60010.1"), new BigDecimal("60012.3"));
    assertThat(CandleFile.barLength(rows)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void givenMalformedFiles_whenRead_thenTheErrorNamesFileAndRow(@TempDir Path dir)
      throws Exception {
    Path notJson = Files.writeString(dir.resolve("bad.json"), "nope");
    Path shortRow = Files.writeString(dir.resolve("short.json"), "[[1,2,3]]");

    assertThatThrownBy(() -> CandleFile.read(notJson)).hasMessageContaining("bad.json is not JSON");
    assertThatThrownBy(() -> CandleFile.read(shortRow)).hasMessageContaining("short.json row 0");
  }

  @Test
  void givenFiveMinuteBars_whenReplayed_thenEachSplitsIntoFiveMinutesThatAggregateBackToTheFileBar()
      throws Exception {
    List<CandleFile.Row> rows = CandleFile.read(xrp());
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    SimMarket market =
        SimMarket.randomWalk(clock, 1, 12_000, 9_999).withCandles("XRP-USDT-SWAP", rows);
    List<Map.Entry<Instant, SimMarket.Bar>> minutes =
        market.history("XRP-USDT-SWAP", 9_995); // 1999 rows × 5 minutes

    for (int r = 0; r < 50; r++) {
      List<SimMarket.Bar> five =
          minutes.subList(r * 5, r * 5 + 5).stream().map(Map.Entry::getValue).toList();
      CandleFile.Row row = rows.get(r);
      assertThat(five.getFirst().open()).as("row %d open", r).isEqualByComparingTo(row.open());
      assertThat(five.getLast().close()).as("row %d close", r).isEqualByComparingTo(row.close());
      assertThat(five.stream().map(SimMarket.Bar::high).max(BigDecimal::compareTo).orElseThrow())
          .as("row %d high", r)
          .isEqualByComparingTo(row.high());
      assertThat(five.stream().map(SimMarket.Bar::low).min(BigDecimal::compareTo).orElseThrow())
          .as("row %d low", r)
          .isEqualByComparingTo(row.low());
    }
    assertThat(market.last("XRP-USDT-SWAP")).isEqualByComparingTo(rows.getLast().close());
  }

  @Test
  void
      givenACandleFile_whenReplayed_thenTheSeededWalkBeforeItIsItsDeeperHistoryEndingAtTheFilesFirstOpen()
          throws Exception {
    List<CandleFile.Row> rows = CandleFile.read(xrp());
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    SimMarket market =
        SimMarket.randomWalk(clock, 1, 12_000, 9_999).withCandles("XRP-USDT-SWAP", rows);
    List<Map.Entry<Instant, SimMarket.Bar>> minutes =
        market.history("XRP-USDT-SWAP", 9_995 + 3_000);

    assertThat(minutes).hasSize(12_995);
    SimMarket.Bar lastSeeded = minutes.get(2_999).getValue();
    assertThat(lastSeeded.close()).isEqualByComparingTo(rows.getFirst().open());
    for (int i = 1; i < 3_000; i++) {
      assertThat(minutes.get(i).getValue().open())
          .as("minute %d", i)
          .isEqualByComparingTo(minutes.get(i - 1).getValue().close());
    }
    assertThat(minutes.get(3_000).getValue().open()).isEqualByComparingTo(rows.getFirst().open());
  }
}
