package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked vectors of docs/spec/okx-openrouter-protocols.md §1.4 (computed with openssl, Python and Java, all three agree). */
class OkxSignerTest {

  static final String SECRET = "22582BD0CFF14C41EDBF1AB98506286D";
  static final String TS = "2020-12-08T09:08:57.715Z";

  @ParameterizedTest(name = "vector {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "A|GET|/api/v5/account/balance?ccy=BTC||HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=",
        "B|POST|/api/v5/account/set-leverage|{\"instId\":\"BTC-USDT\",\"lever\":\"5\",\"mgnMode\":\"isolated\"}|eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=",
        "C|POST|/api/v5/account/set-leverage|'{\"instId\": \"BTC-USDT\", \"lever\": \"5\", \"mgnMode\": \"isolated\"}'|/XctMG4gU+l0Tv1E5CsSdhrndN0MZxclhFp3+SFofI8=",
        "D|GET|/api/v5/public/time||EkwQWIBPogytldSaIWzKqhjq027sDYesTiB+e8nu5cA=",
        "E|POST|/api/v5/trade/order|{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"clOrdId\":\"tai2a1b2c3\",\"side\":\"buy\",\"posSide\":\"net\",\"ordType\":\"market\",\"sz\":\"1\",\"attachAlgoOrds\":[{\"tpTriggerPx\":\"70000\",\"tpOrdPx\":\"-1\",\"slTriggerPx\":\"60000\",\"slOrdPx\":\"-1\"}]}|QVWWQaT+QgD8C92mCeAfHk8+gPK8a//W4Z2KcxK5soM=",
      })
  void givenTheDocumentedVectors_whenSigned_thenTheSignaturesMatch(
      String vector, String method, String path, String body, String expected) {
    assertThat(OkxSigner.sign(SECRET, TS, method, path, body == null ? "" : body))
        .as(vector)
        .isEqualTo(expected);
  }

  @Test
  void givenWebSocketLoginVectorF_whenSigned_thenTheSignatureMatches() {
    assertThat(OkxSigner.signWebSocketLogin(SECRET, "1538054050"))
        .isEqualTo("+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=");
  }

  @Test
  void givenAnInstant_whenFormatted_thenItIsUtcWithMilliseconds() {
    assertThat(OkxSigner.timestamp(Instant.parse("2020-12-08T09:08:57.715Z"))).isEqualTo(TS);
    assertThat(OkxSigner.timestamp(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void givenLowerCaseMethod_whenSigned_thenItIsSignedUpperCase() {
    assertThat(OkxSigner.sign(SECRET, TS, "get", "/api/v5/public/time", ""))
        .isEqualTo("EkwQWIBPogytldSaIWzKqhjq027sDYesTiB+e8nu5cA=");
  }
}
