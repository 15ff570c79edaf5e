package io.tai2.reasoning;

import io.tai2.config.InvalidFieldsException;
import io.tai2.history.PromptVersion;
import io.tai2.history.PromptVersionRepository;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable prompt versions: save-as-new (an edit is a new version whose parent is the old one), choose the active one,
 * and pick the version for a run — the active one, or an arm of the A/B split.
 */
public final class PromptVersions {

  private static final Logger log = LoggerFactory.getLogger(PromptVersions.class);

  private final PromptVersionRepository repository;
  private final ReasoningSettingsStore settings;
  private final Clock clock;
  private final AtomicLong cycles = new AtomicLong();

  public PromptVersions(
      PromptVersionRepository repository, ReasoningSettingsStore settings, Clock clock) {
    this.repository = repository;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The shipped prompts become the first version when there is none, so every decision points at a stored text; and a
   * version is always pinned as the active one (saved with an audit entry by {@code system}): without one the newest
   * version would be live, so saving a draft would change the prompt. On a fresh install that is the shipped version;
   * on an install from before pinning it is the version that was live, so an upgrade changes no prompt.
   */
  public void seedDefault() {
    if (repository.list(1).isEmpty()) {
      save(
          DefaultPrompts.NAME,
          DefaultPrompts.SYSTEM,
          DefaultPrompts.DECISION,
          Optional.empty(),
          Optional.of("shipped with tai2"),
          Optional.empty());
    }
    if (settings.current().activeVersion().flatMap(repository::find).isEmpty()) {
      PromptVersion live = active().version();
      settings.update(s -> s.withActiveVersion(live.id()), "system");
      log.info("event=prompt_version_pinned version_id={} name=\"{}\"", live.id(), live.name());
    }
  }

  public List<PromptVersion> list(int limit) {
    return repository.list(limit);
  }

  public Optional<PromptVersion> find(UUID id) {
    return repository.find(id);
  }

  /** Stores a new version (texts sanitized; a schema override must be a valid object schema). */
  public PromptVersion save(
      String name,
      String system,
      String decision,
      Optional<String> schemaOverride,
      Optional<String> notes,
      Optional<UUID> parent) {
    TextLimits.atMost("name", name, TextLimits.NAME_BYTES);
    TextLimits.atMost("system_prompt", system, TextLimits.PROMPT_BYTES);
    TextLimits.atMost("decision_prompt", decision, TextLimits.PROMPT_BYTES);
    TextLimits.atMost("response_schema", schemaOverride.orElse(null), TextLimits.PROMPT_BYTES);
    TextLimits.atMost("notes", notes.orElse(null), TextLimits.PROMPT_BYTES);
    PromptText text = new PromptText(Optional.empty(), name, system, decision);
    if (text.name().isEmpty()) {
      throw new InvalidFieldsException("name", "a prompt version needs a name");
    }
    parent.ifPresent(
        id ->
            repository
                .find(id)
                .orElseThrow(
                    () ->
                        new NoSuchElementException("parent prompt version " + id + " not found")));
    schemaOverride
        .filter(o -> !o.isBlank())
        .ifPresent(
            o -> {
              if (ResponseSchema.check(o) instanceof SchemaCheck.Unusable(String reason)) {
                throw new IllegalArgumentException("response schema override: " + reason);
              }
            });
    PromptVersion version =
        new PromptVersion(
            UUID.randomUUID(),
            text.name(),
            text.system(),
            text.decision(),
            schemaOverride.filter(s -> !s.isBlank()),
            notes.map(n -> Sanitizer.text(n, TextLimits.PROMPT_BYTES)).filter(n -> !n.isEmpty()),
            parent,
            clock.instant());
    repository.insert(version);
    return version;
  }

  /** Makes a stored version the active one (persisted with an audit entry). */
  public void activate(UUID id, String actor) {
    repository
        .find(id)
        .orElseThrow(() -> new NoSuchElementException("prompt version " + id + " not found"));
    settings.update(s -> s.withActiveVersion(id), actor);
  }

  /** The active version: the chosen one, else the newest, else the shipped defaults. */
  public Chosen active() {
    Optional<PromptVersion> chosen = settings.current().activeVersion().flatMap(repository::find);
    return chosen
        .or(() -> repository.list(1).stream().findFirst())
        .map(v -> new Chosen(v, "active"))
        .orElse(new Chosen(null, "active"));
  }

  /**
   * The version for one run: {@code requested} when given (unknown → {@link NoSuchElementException}), else an arm of the
   * A/B split when one is set, else the active version.
   */
  public Chosen forRun(String symbol, Optional<UUID> requested) {
    if (requested.isPresent()) {
      UUID id = requested.get();
      return new Chosen(
          repository
              .find(id)
              .orElseThrow(() -> new NoSuchElementException("prompt version " + id + " not found")),
          "requested");
    }
    Optional<ReasoningSettings.AbSplit> split = settings.current().abSplit();
    if (split.isPresent()) {
      ReasoningSettings.AbSplit ab = split.get();
      boolean armA =
          switch (ab.mode()) {
            case BY_SYMBOL -> Math.floorMod(symbol.hashCode(), 2) == 0;
            case BY_CYCLE -> cycles.getAndIncrement() % 2 == 0;
          };
      Optional<PromptVersion> version = repository.find(armA ? ab.versionA() : ab.versionB());
      if (version.isPresent()) {
        return new Chosen(version.get(), armA ? "ab:A" : "ab:B");
      }
    }
    return active();
  }

  /** A chosen version ({@code null} = the shipped defaults, before any is stored) and why it was chosen. */
  public record Chosen(PromptVersion version, String reason) {
    public PromptText text() {
      return version == null
          ? PromptText.defaults()
          : new PromptText(
              Optional.of(version.id()),
              version.name(),
              version.systemPrompt(),
              version.decisionPrompt());
    }

    public Optional<String> schemaOverride() {
      return version == null ? Optional.empty() : version.responseSchema();
    }
  }
}
