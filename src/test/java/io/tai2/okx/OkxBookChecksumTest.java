package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked checksum vectors of docs/spec/okx-openrouter-protocols.md §8.6. */
class OkxBookChecksumTest {

  @Test
  void givenTheWorkedStrings_whenHashed_thenTheSignedCrc32MatchesTheSpec() {
    assertThat(OkxBookChecksum.of("3366.1:7:3366.8:9:3366:6:3368:8")).isEqualTo(-1881014294);
    assertThat(OkxBookChecksum.of("3366.1:7:3366.8:9:3368:8:3372:8")).isEqualTo(831078360);
  }

  @Test
  void givenLevels_whenHashed_thenBidsAndAsksInterleaveAndALongerSideContinuesAlone() {
    int twoAndTwo =
        OkxBookChecksum.of(
            List.of(Map.entry("3366.1", "7"), Map.entry("3366", "6")),
            List.of(Map.entry("3366.8", "9"), Map.entry("3368", "8")));
    int oneAndThree =
        OkxBookChecksum.of(
            List.of(Map.entry("3366.1", "7")),
            List.of(Map.entry("3366.8", "9"), Map.entry("3368", "8"), Map.entry("3372", "8")));

    assertThat(twoAndTwo).isEqualTo(-1881014294);
    assertThat(oneAndThree).isEqualTo(831078360);
  }
}
