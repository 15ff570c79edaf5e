package io.tai2.scheduler;

import java.time.Instant;

/** A risk lock switched the prompt scheduler off: it stays off until the operator turns it on again. Published as an application event. */
public record SchedulerPaused(Instant at, String reason) {}
