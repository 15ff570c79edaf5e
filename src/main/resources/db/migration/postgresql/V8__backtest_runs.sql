-- Backtests started from the API or the LAB page: the job's state (so it survives a restart), the request as sent, the
-- report when done (several MB: text) and a summary for the runs table that never reads the report.
CREATE TABLE backtest_runs (
    id          uuid PRIMARY KEY,
    created_at  timestamp with time zone NOT NULL,
    status      text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    progress    double precision NOT NULL DEFAULT 0,
    done_bars   bigint NOT NULL DEFAULT 0,
    total_bars  bigint NOT NULL DEFAULT 0,
    request     text NOT NULL,
    report      text,
    error       text,
    finished_at timestamp with time zone,
    decider     text NOT NULL,
    symbols     text NOT NULL,
    every       text NOT NULL,
    net_pnl     numeric,
    return_pct  double precision,
    trades      integer
);

CREATE INDEX backtest_runs_newest ON backtest_runs (created_at DESC);
