package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A prompt read back from the decision log: exactly the parts the builder put together. */
class RecordedPromptTest {

  static final String CONTEXT =
      "{\"symbol\":\"BTC-USDT-SWAP\",\"price\":60000.5,\"prompt_version\":{\"id\":null,\"name\":\"tai2 default\"}}";

  @Test
  void givenADecisionTextQuotingTheContextHeading_whenRead_thenTheContextIsTheRealOne() {
    String decision =
        "Decide.\n\nContext JSON:\n```json\n{\"fake\":1}\n```\nis how the context looks.";
    String recorded =
        "System text.\n\nMore system." + "\n\n" + PromptBuilder.userMessage(decision, CONTEXT);

    Optional<RecordedPrompt> read = RecordedPrompt.read(recorded, "System text.\n\nMore system.");

    assertThat(read)
        .contains(new RecordedPrompt("System text.\n\nMore system.", decision, CONTEXT));
    assertThat(read.get().system() + "\n\n" + read.get().user()).isEqualTo(recorded);
  }

  @Test
  void givenAPromptWithoutContext_whenRead_thenNothingIsRead() {
    assertThat(RecordedPrompt.contextOf("just text")).isEmpty();
    assertThat(RecordedPrompt.contextOf("a\n\nContext JSON:\n```json\nnot json\n```")).isEmpty();
    assertThat(
            RecordedPrompt.read(
                "Other system.\n\n" + PromptBuilder.userMessage("d", CONTEXT), "System text."))
        .isEmpty();
  }

  @Test
  void givenAnotherVersion_whenTheContextIsReframed_thenOnlyItsPromptVersionChanges() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
    PromptText other = new PromptText(Optional.of(id), "bolder", "s", "d");

    assertThat(RecordedPrompt.contextFor(CONTEXT, other))
        .contains(
            "{\"symbol\":\"BTC-USDT-SWAP\",\"price\":60000.5,\"prompt_version\":{\"id\":\""
                + id
                + "\",\"name\":\"bolder\"}}");
    assertThat(RecordedPrompt.contextFor("{\"symbol\":\"BTC-USDT-SWAP\"}", other)).isEmpty();
  }

  @Test
  void givenAPromptWithBlankLines_whenSplit_thenEveryCutIsOffered() {
    String recorded = "a\n\nb\n\n" + PromptBuilder.userMessage("c", CONTEXT);

    assertThat(RecordedPrompt.splits(recorded))
        .extracting(RecordedPrompt::system)
        .containsExactly("a", "a\n\nb");
  }
}
