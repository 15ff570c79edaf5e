-- As the PostgreSQL migration of the same version, with a CLOB for the report: H2's VARCHAR holds at most 1,000,000
-- characters and a report can be several MB.
CREATE TABLE backtest_runs (
    id          uuid PRIMARY KEY,
    created_at  timestamp with time zone NOT NULL,
    status      varchar NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    progress    double precision NOT NULL DEFAULT 0,
    done_bars   bigint NOT NULL DEFAULT 0,
    total_bars  bigint NOT NULL DEFAULT 0,
    request     varchar NOT NULL,
    report      clob,
    error       varchar,
    finished_at timestamp with time zone,
    decider     varchar NOT NULL,
    symbols     varchar NOT NULL,
    every       varchar NOT NULL,
    net_pnl     numeric,
    return_pct  double precision,
    trades      integer
);

CREATE INDEX backtest_runs_newest ON backtest_runs (created_at DESC);
