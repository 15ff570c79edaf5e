-- One trade row and one cooldown fill per order: the executor and the reconciler may both see the same fill (a retry,
-- a restart), and the database is the last line that keeps it from being counted twice. NULL client order ids (trades
-- recorded by hand) stay allowed more than once on both databases.
CREATE UNIQUE INDEX executed_trades_client_order_id_uidx ON executed_trades (client_order_id);
CREATE UNIQUE INDEX trade_activity_client_order_id_uidx ON trade_activity (client_order_id);
