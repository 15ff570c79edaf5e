-- TimescaleDB when the server offers it: equity_history becomes a hypertable. Without the extension (or when it cannot
-- be loaded, e.g. missing shared_preload_libraries) the tables stay plain and start-up goes on.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            PERFORM create_hypertable('equity_history', 'observed_at', if_not_exists => TRUE, migrate_data => TRUE);
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'timescaledb present but not usable (%); equity_history stays a plain table', SQLERRM;
        END;
    ELSE
        RAISE NOTICE 'timescaledb not available; equity_history stays a plain table';
    END IF;
END
$$;
