-- TimescaleDB exists only on PostgreSQL; this keeps the migration versions of both trees aligned.
SELECT 1;
