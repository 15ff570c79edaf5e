-- Every LLM reply a backtest or a replay received, keyed by what determines it: the model, the prompt's hash (which
-- covers the model, both prompt texts and the schema) and the response schema's hash. A rerun of the same backtest
-- asks the cache first and costs nothing; the `cache` decider asks only the cache.
CREATE TABLE llm_reply_cache (
    model             ${text} NOT NULL,
    prompt_hash       ${text} NOT NULL,
    schema_hash       ${text} NOT NULL,
    reply             ${text} NOT NULL,
    prompt_tokens     integer,
    completion_tokens integer,
    cost_usd          numeric,
    created_at        timestamp with time zone NOT NULL,
    PRIMARY KEY (model, prompt_hash, schema_hash)
);
