package io.tai2.settings;

import io.tai2.config.DisplaySettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.reasoning.ReasoningSettings;

/** Every runtime setting, one immutable value per group. */
public record RuntimeSettings(
    MarketRuntimeSettings market,
    GuardrailSettings guardrails,
    ExecutionSettings execution,
    ReasoningSettings reasoning,
    SchedulerSettings scheduler,
    OkxRuntimeSettings okx,
    DisplaySettings ui) {}
