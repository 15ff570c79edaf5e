-- Fills tai2 did not send an order for, read from OKX's fill list: a stop-loss or take-profit OKX triggered, a
-- liquidation, a kill-switch or hand-made close. They have no order row, so the trade row says what the order row would:
--   exchange_bill_id: OKX's billId of the fill, unique per account; recording the same fill again is a no-op;
--   reduce_only:      whether the fill reduced a position (a close) rather than opened or added to one.
-- Both stay NULL on the trades of tai2's own orders (their order row carries reduce_only).
ALTER TABLE executed_trades ADD COLUMN exchange_bill_id ${text};
ALTER TABLE executed_trades ADD COLUMN reduce_only boolean;
CREATE UNIQUE INDEX executed_trades_exchange_bill_id_uidx ON executed_trades (exchange_bill_id);

-- Funding fees OKX charged or paid on a position (account bills of type 8), once each by billId; negative when paid.
-- A round trip's PnL includes the funding charged while it was open.
CREATE TABLE funding_payments (
    bill_id     ${text} PRIMARY KEY,
    paid_at     timestamp with time zone NOT NULL,
    symbol      ${text} NOT NULL,
    amount      numeric NOT NULL
);
CREATE INDEX funding_payments_paid_at_idx ON funding_payments (paid_at);
