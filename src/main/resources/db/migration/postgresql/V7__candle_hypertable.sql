-- candles_1m becomes a TimescaleDB hypertable (one-day chunks) only when V2 could load the extension; otherwise it stays
-- a plain table and start-up goes on.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        BEGIN
            PERFORM create_hypertable('candles_1m', 'ts', chunk_time_interval => INTERVAL '1 day',
                                      if_not_exists => TRUE, migrate_data => TRUE);
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'timescaledb present but not usable (%); candles_1m stays a plain table', SQLERRM;
        END;
    ELSE
        RAISE NOTICE 'timescaledb not installed; candles_1m stays a plain table';
    END IF;
END
$$;
