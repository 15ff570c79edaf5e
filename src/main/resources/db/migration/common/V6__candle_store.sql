-- The candle store for backtests: one-minute base bars per instrument (every other timeframe is aggregated from them)
-- and the funding rates charged at each funding time. Rewriting a bar is idempotent: the key is (inst_id, ts).
CREATE TABLE candles_1m (
    inst_id ${text} NOT NULL,
    ts      timestamp with time zone NOT NULL,
    open    numeric NOT NULL,
    high    numeric NOT NULL,
    low     numeric NOT NULL,
    close   numeric NOT NULL,
    volume  numeric NOT NULL,
    PRIMARY KEY (inst_id, ts)
);

CREATE TABLE funding_rate_history (
    inst_id      ${text} NOT NULL,
    funding_time timestamp with time zone NOT NULL,
    rate         numeric NOT NULL,
    PRIMARY KEY (inst_id, funding_time)
);
