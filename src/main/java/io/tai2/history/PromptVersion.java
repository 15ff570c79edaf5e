package io.tai2.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An immutable prompt version: edits are saved as a new version whose parent is the old one. */
public record PromptVersion(
    UUID id,
    String name,
    String systemPrompt,
    String decisionPrompt,
    Optional<String> responseSchema,
    Optional<String> notes,
    Optional<UUID> parentId,
    Instant createdAt) {}
