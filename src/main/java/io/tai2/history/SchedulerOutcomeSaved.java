package io.tai2.history;

/** The scheduler saved a symbol's outcome (the ENGINE page's scheduler card refreshes on it). */
public record SchedulerOutcomeSaved(String symbol) {}
