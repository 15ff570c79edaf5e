package io.tai2.lab;

import java.util.Optional;
import java.util.function.Function;

/** Turns {@code --decider} into a {@link Decider}. */
public final class Deciders {

  public static final String NAMES =
      "fake:long, fake:short, fake:alternate, heuristic, cache, llm or llm:MODEL";

  private Deciders() {}

  /**
   * @param llm makes the LLM-backed deciders ({@code cache}, {@code llm[:MODEL]}) when this run can reach an LLM and its
   *     reply cache; empty for a run that cannot (then those deciders are refused with the reason)
   */
  public static Decider of(BacktestRequest r, Optional<Function<String, Decider>> llm) {
    String name = requireKnown(r.decider());
    return switch (name) {
      case "fake:long" -> RuleDeciders.fake("long", r.stopPct(), r.takePct(), r.equityPct());
      case "fake:short" -> RuleDeciders.fake("short", r.stopPct(), r.takePct(), r.equityPct());
      case "fake:alternate" ->
          RuleDeciders.fake("alternate", r.stopPct(), r.takePct(), r.equityPct());
      case "heuristic" -> RuleDeciders.heuristic(r.equityPct());
      default ->
          llm.orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--decider "
                              + name
                              + " needs the LLM settings and the reply cache of a"
                              + " tai2 database; they are not available to this run"))
              .apply(name);
    };
  }

  /** The decider's name, stripped, when it is one tai2 knows. */
  public static String requireKnown(String decider) {
    String name = decider.strip();
    boolean known =
        name.equals("fake:long")
            || name.equals("fake:short")
            || name.equals("fake:alternate")
            || name.equals("heuristic")
            || name.equals("cache")
            || name.startsWith("cache:")
            || name.equals("llm")
            || name.startsWith("llm:");
    if (!known) {
      throw new IllegalArgumentException("--decider " + name + " is not one of " + NAMES);
    }
    return name;
  }

  /** Whether the decider asks an LLM or its reply cache (and so needs a database). */
  public static boolean usesLlm(String decider) {
    String name = decider.strip();
    return name.equals("cache")
        || name.startsWith("cache:")
        || name.equals("llm")
        || name.startsWith("llm:");
  }
}
