-- Where a decision was acted on: 'live' (sent to OKX, demo or live), 'paper' (live execution off: filled in the paper
-- account) or 'shadow' (a shadow model's decision, filled in that shadow's own paper account; never sent).
ALTER TABLE decisions ADD COLUMN source ${text} DEFAULT 'live' NOT NULL;
CREATE INDEX decisions_source_created_at_idx ON decisions (source, created_at);

-- Each paper account ('paper', or 'shadow: <model> @ <version id>') as a document: cash, open positions with their
-- stop and take-profit, the guardrails' memory (last fills, accepted orders, the daily-loss reference and lock).
-- Saved after every change, so a restart resumes it.
CREATE TABLE paper_books (
    book       ${text} PRIMARY KEY,
    document   ${json} NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

-- Every round trip of a paper account: written when the entry fills, completed when it closes (the exit columns stay
-- null while it is open). The entry decision owns the round trip, as for live trades.
CREATE TABLE paper_trades (
    id             uuid PRIMARY KEY,
    book           ${text} NOT NULL,
    symbol         ${text} NOT NULL,
    side           ${text} NOT NULL,
    contracts      numeric NOT NULL,
    coin           numeric NOT NULL,
    leverage       numeric NOT NULL,
    entry_time     timestamp with time zone NOT NULL,
    entry_price    numeric NOT NULL,
    stop_loss      numeric,
    take_profit    numeric,
    entry_decision uuid NOT NULL,
    exit_time      timestamp with time zone,
    exit_price     numeric,
    exit_reason    ${text},
    exit_decision  uuid,
    fees           numeric,
    funding        numeric,
    gross_pnl      numeric,
    pnl            numeric,
    mfe_pct        numeric,
    mae_pct        numeric
);
CREATE INDEX paper_trades_book_entry_idx ON paper_trades (book, entry_time);
CREATE INDEX paper_trades_entry_decision_idx ON paper_trades (entry_decision);
