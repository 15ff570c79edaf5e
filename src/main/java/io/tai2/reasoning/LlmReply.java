package io.tai2.reasoning;

import java.time.Duration;
import java.util.Optional;

/**
 * What the LLM answered: the content (cut at {@link LlmClient#MAX_CONTENT_CHARS}, then {@code truncated}), why it
 * stopped ({@code stop}, {@code length}, … or empty if not said), the model and provider that answered, the
 * generation id, usage, the time from the first attempt to the reply, and how many attempts it took.
 */
public record LlmReply(
    String content,
    boolean truncated,
    String finishReason,
    String model,
    Optional<String> provider,
    Optional<String> generationId,
    LlmUsage usage,
    Duration latency,
    int attempts) {

  /** Whether the model stopped because it ran out of tokens, so the content is likely cut off. */
  public boolean hitTokenLimit() {
    return finishReason.equals("length");
  }
}
