package io.tai2.reasoning;

import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ENGINE page's chat: a real LLM call that answers the operator's question over the symbol's current prompt context
 * and the recent decisions (upstream's canned reply replaced). It only talks; it never decides or trades.
 */
public final class EngineChat {

  static final int MAX_QUESTION = TextLimits.QUESTION_BYTES;
  static final int MAX_ANSWER = 20_000;
  static final int DECISIONS = 10;

  static final String SYSTEM =
      """
      You are tai2's trading assistant, talking with the operator of an automated crypto trading system. Answer the
      question from the context below: the current market context of the symbol (the same JSON the decision model
      sees) and the most recent decisions with their outcomes. Be concise and concrete, cite numbers from the context,
      and say so when the context does not contain the answer. You cannot place or change orders.
      """
          .strip();

  private final ReasoningEngine engine;
  private final DecisionRepository decisions;
  private final LlmAccess llm;
  private final ReasoningSettingsStore settings;

  public EngineChat(
      ReasoningEngine engine,
      DecisionRepository decisions,
      LlmAccess llm,
      ReasoningSettingsStore settings) {
    this.engine = engine;
    this.decisions = decisions;
    this.llm = llm;
    this.settings = settings;
  }

  /** The model's answer and what it cost. */
  public record Answer(String text, String model, LlmReply reply) {}

  public Answer ask(String symbol, String question, Optional<String> model) {
    TextLimits.atMost("question", question, TextLimits.QUESTION_BYTES);
    model.ifPresent(m -> llm.requireListed("model", ModelId.require("model", m)));
    String q = Sanitizer.text(question, MAX_QUESTION);
    if (q.isEmpty()) {
      throw new IllegalArgumentException("ask a question");
    }
    Prompt prompt = engine.preview(ReasoningEngine.PromptRequest.of(symbol)).prompt();
    ObjectNode history = ContextJson.object();
    ArrayNode recent = history.putArray("recent_decisions");
    List<DecisionRecord> records =
        decisions.recent(50).stream()
            .filter(d -> d.symbol().equals(prompt.symbol()))
            .limit(DECISIONS)
            .toList();
    records.forEach(
        d -> {
          ObjectNode e = recent.addObject();
          e.put("at", d.createdAt().toString());
          e.put("outcome", d.outcome());
          d.decisionJson().ifPresent(j -> e.set("decision", ContextJson.parsed(j)));
          d.rejectionReason().ifPresent(r -> e.put("rejection_reason", r));
          d.executionStatus().ifPresent(s -> e.put("execution", s));
        });
    String user =
        "Question: "
            + q
            + "\n\nCurrent context JSON:\n```json\n"
            + prompt.contextJson()
            + "\n```\n\nRecent decisions JSON:\n```json\n"
            + ContextJson.write(history)
            + "\n```";
    String chosen = model.filter(m -> !m.isBlank()).orElse(settings.current().model());
    LlmReply reply =
        llm.client(settings.current().llmTimeout())
            .complete(LlmRequest.of(chosen, SYSTEM, user).withTemperature(0.3));
    String text =
        reply.content().length() > MAX_ANSWER
            ? reply.content().substring(0, MAX_ANSWER) + " … [cut]"
            : reply.content();
    return new Answer(text.strip(), reply.model(), reply);
  }
}
