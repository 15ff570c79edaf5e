package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReasoningMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReasoningMeters meters = new ReasoningMeters(registry);

  @Test
  void
      givenTheDecisionLogStatuses_whenTagged_thenAcceptedIsTheActionAndTheOthersAreRejectedOrError() {
    assertThat(ReasoningMeters.outcome("ACCEPTED", Decision.Action.BUY)).isEqualTo("BUY");
    assertThat(ReasoningMeters.outcome("ACCEPTED", Decision.Action.CLOSE)).isEqualTo("CLOSE");
    assertThat(ReasoningMeters.outcome("REJECTED", Decision.Action.HOLD)).isEqualTo("REJECTED");
    assertThat(ReasoningMeters.outcome("LLM_ERROR", Decision.Action.HOLD)).isEqualTo("ERROR");
  }

  @Test
  void givenAReplyWithUsage_whenMeasured_thenLatencyTokensAndCostAreCountedForItsModel() {
    LlmReply reply =
        new LlmReply(
            "{}",
            false,
            "stop",
            "openai/gpt-4o-mini",
            Optional.empty(),
            Optional.empty(),
            new LlmUsage(
                OptionalLong.of(1200),
                OptionalLong.of(80),
                OptionalLong.of(1280),
                Optional.of(new BigDecimal("0.00023"))),
            Duration.ofMillis(750),
            1);

    meters.llmReplied("openai/gpt-4o-mini", reply);
    meters.llmFailed("openai/gpt-4o-mini", Duration.ofSeconds(3));

    assertThat(
            registry
                .get("tai2.llm.tokens")
                .tags("model", "openai/gpt-4o-mini", "kind", "prompt")
                .counter()
                .count())
        .isEqualTo(1200);
    assertThat(
            registry
                .get("tai2.llm.tokens")
                .tags("model", "openai/gpt-4o-mini", "kind", "completion")
                .counter()
                .count())
        .isEqualTo(80);
    assertThat(registry.get("tai2.llm.cost").tag("model", "openai/gpt-4o-mini").counter().count())
        .isEqualTo(0.00023);
    assertThat(
            registry
                .get("tai2.llm.latency")
                .tags("model", "openai/gpt-4o-mini", "result", "ok")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(750);
    assertThat(registry.get("tai2.llm.latency").tags("result", "error").timer().count())
        .isEqualTo(1);
  }

  @Test
  void givenMoreModelsThanTheBound_whenTagged_thenTheFirstKeepTheirNamesAndTheRestShareOther() {
    IntStream.range(0, ReasoningMeters.MAX_MODELS)
        .forEach(
            i -> assertThat(meters.modelTag("vendor/model-" + i)).isEqualTo("vendor/model-" + i));

    assertThat(meters.modelTag("vendor/one-too-many")).isEqualTo(ReasoningMeters.OTHER_MODEL);
    assertThat(meters.modelTag("vendor/model-3"))
        .as("a model already seen keeps its tag")
        .isEqualTo("vendor/model-3");
  }
}
