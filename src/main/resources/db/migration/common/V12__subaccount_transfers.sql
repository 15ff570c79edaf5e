-- Money moved between the OKX master account and the declared sub-account: one row per client id (the clientId of
-- OKX's asset/transfer). The row is written before the request is sent, so a retry or a crash never sends a client id
-- twice, and it is the audit of every transfer: who asked, when, what, on which account, and what OKX answered.
--   direction:   MASTER_TO_SUB or SUB_TO_MASTER; master_side: the master's FUNDING or TRADING account (the sub-account's
--                side is always its trading account);
--   state:       SENT (asked, not answered yet), DONE (OKX took it: trans_id), PENDING (OKX still processing it),
--                REFUSED (OKX said no: okx_code, okx_message), UNKNOWN (no answer: settled by asking OKX for the client id),
--                FAILED (OKX reports it failed, or never got it).
CREATE TABLE subaccount_transfers (
    client_id    ${text} PRIMARY KEY,
    requested_at timestamp with time zone NOT NULL,
    actor        ${text} NOT NULL,
    environment  ${text} NOT NULL,
    sub_account  ${text} NOT NULL,
    direction    ${text} NOT NULL,
    master_side  ${text} NOT NULL,
    amount       numeric NOT NULL,
    state        ${text} NOT NULL,
    trans_id     ${text},
    okx_code     ${text},
    okx_message  ${text},
    settled_at   timestamp with time zone
);
CREATE INDEX subaccount_transfers_requested_at_idx ON subaccount_transfers (requested_at);
