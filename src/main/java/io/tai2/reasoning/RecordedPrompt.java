package io.tai2.reasoning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A prompt as the decision log records it ({@code system + "\n\n" + user}) read back into the parts
 * {@link PromptBuilder} put together, so a replay can put other prompt texts, or ask another model, around the very
 * context a live cycle saw. The format knowledge stays here, beside the builder that writes it.
 *
 * @param system the system message
 * @param decision the decision text (the user message before the context)
 * @param contextJson the context JSON exactly as it was sent
 */
public record RecordedPrompt(String system, String decision, String contextJson) {

  /** The context's last field: the builder writes it last, so a replay can name another version without rewriting numbers. */
  private static final String VERSION_FIELD = ",\"prompt_version\":";

  private static final String SEPARATOR = "\n\n";

  /** The user message, as sent. */
  public String user() {
    return PromptBuilder.userMessage(decision, contextJson);
  }

  /**
   * The context JSON of a recorded prompt: from the last context opening to the closing fence (the compact JSON holds no
   * line break, so an opening inside an operator's decision text cannot be mistaken for it); empty when the prompt is not
   * of that form or the part is not a JSON object.
   */
  public static Optional<String> contextOf(String recorded) {
    int at = recorded.lastIndexOf(PromptBuilder.CONTEXT_OPENING);
    int start = at + PromptBuilder.CONTEXT_OPENING.length();
    int end = recorded.length() - PromptBuilder.CONTEXT_CLOSING.length();
    if (at < 0 || !recorded.endsWith(PromptBuilder.CONTEXT_CLOSING) || start >= end) {
      return Optional.empty();
    }
    String json = recorded.substring(start, end);
    try {
      return ContextJson.MAPPER.readTree(json).isObject() ? Optional.of(json) : Optional.empty();
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  /** Reads a recorded prompt whose system message is {@code system}; empty when the prompt does not start with it. */
  public static Optional<RecordedPrompt> read(String recorded, String system) {
    String head = system + SEPARATOR;
    Optional<String> context = contextOf(recorded);
    if (!recorded.startsWith(head) || context.isEmpty()) {
      return Optional.empty();
    }
    int decisionEnd =
        recorded.length()
            - PromptBuilder.CONTEXT_CLOSING.length()
            - context.get().length()
            - PromptBuilder.CONTEXT_OPENING.length();
    return decisionEnd < head.length()
        ? Optional.empty()
        : Optional.of(
            new RecordedPrompt(
                system, recorded.substring(head.length(), decisionEnd), context.get()));
  }

  /**
   * Every way the recorded prompt can be cut into a system message and a decision text at a blank line, for when the
   * system text is not known any more: the caller keeps the one whose {@link PromptBuilder#hash hash} is the recorded one.
   */
  public static List<RecordedPrompt> splits(String recorded) {
    Optional<String> context = contextOf(recorded);
    if (context.isEmpty()) {
      return List.of();
    }
    String prefix =
        recorded.substring(
            0,
            recorded.length()
                - PromptBuilder.CONTEXT_CLOSING.length()
                - context.get().length()
                - PromptBuilder.CONTEXT_OPENING.length());
    List<RecordedPrompt> out = new ArrayList<>();
    for (int i = prefix.indexOf(SEPARATOR); i >= 0; i = prefix.indexOf(SEPARATOR, i + 1)) {
      out.add(
          new RecordedPrompt(
              prefix.substring(0, i), prefix.substring(i + SEPARATOR.length()), context.get()));
    }
    return out;
  }

  /**
   * A recorded context as the builder would have written it for {@code text}'s version: only its {@code prompt_version} field
   * (the context's last) changes, every number stays as recorded. Empty when the context does not end with that field
   * as the builder writes it (a prompt from an older format).
   */
  public static Optional<String> contextFor(String contextJson, PromptText text) {
    int at = contextJson.lastIndexOf(VERSION_FIELD);
    if (at < 0 || !contextJson.endsWith("}")) {
      return Optional.empty();
    }
    String recordedVersion =
        contextJson.substring(at + VERSION_FIELD.length(), contextJson.length() - 1);
    try {
      JsonNode node = ContextJson.MAPPER.readTree(recordedVersion);
      if (!node.isObject() || !ContextJson.write(node).equals(recordedVersion)) {
        return Optional.empty();
      }
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
    return Optional.of(
        contextJson.substring(0, at)
            + VERSION_FIELD
            + ContextJson.write(PromptBuilder.promptVersion(text))
            + "}");
  }
}
