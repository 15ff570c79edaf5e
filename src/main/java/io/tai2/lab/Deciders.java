package io.tai2.lab;

import java.util.Optional;
import java.util.function.Function;

/** Turns {@code --decider} into a {@link Decider}. */
public final class Deciders {

  public static final String NAMES = "fake:long, fake:short, fake:alternate, heuristic, cache, llm or llm:MODEL";

  private Deciders() {}

  /**
   * @param llm makes the LLM-backed deciders ({@code cache}, {@code llm[:MODEL]}) when this run can reach an LLM and its
   *     reply cache; empty for a run that cannot (then those deciders are refused with the reason)
   */
  public static Decider of(BacktestRequest r, Optional<Function<String, Decider>> llm) {
    String name = r.decider().strip();
    return switch (name) {
      case "fake:long" -> RuleDeciders.fake("long", r.stopPct(), r.takePct(), r.equityPct());
      case "fake:short" -> RuleDeciders.fake("short", r.stopPct(), r.takePct(), r.equityPct());
      case "fake:alternate" -> RuleDeciders.fake("alternate", r.stopPct(), r.takePct(), r.equityPct());
      case "heuristic" -> RuleDeciders.heuristic(r.equityPct());
      default -> {
        if (!name.equals("cache") && !name.equals("llm") && !name.startsWith("llm:")) {
          throw new IllegalArgumentException("--decider " + name + " is not one of " + NAMES);
        }
        yield llm.orElseThrow(() -> new IllegalArgumentException("--decider " + name + " needs the LLM settings and the reply cache of a"
            + " tai2 database; they are not available to this run")).apply(name);
      }
    };
  }
}
