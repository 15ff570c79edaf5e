-- The prompt scheduler's last outcome per symbol (ran a cycle, skipped and why, or failed), so its state survives a
-- restart; one row per symbol, replaced on every tick.
CREATE TABLE scheduler_outcomes (
    symbol      ${text} PRIMARY KEY,
    ran_at      timestamp with time zone NOT NULL,
    outcome     ${text} NOT NULL,
    detail      ${text},
    decision_id uuid
);
