package io.tai2.history;

import java.util.UUID;

/** A decision was logged, or its guardrail verdict or execution status was recorded (the ENGINE page refreshes on it). */
public record DecisionLogChanged(UUID id) {}
