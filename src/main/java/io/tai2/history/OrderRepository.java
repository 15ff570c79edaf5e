package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Order intents and their outcomes, keyed by client order id. */
@Repository
public class OrderRepository {

  private final JdbcClient jdbc;

  public OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores an intent before it is sent.
   *
   * @throws DuplicateClientOrderIdException when the client order id is already recorded
   */
  public void insertIntent(OrderRecord o) {
    try {
      jdbc.sql(
              """
              INSERT INTO orders (id, client_order_id, decision_id, symbol, side, pos_side, order_type, trade_mode,
                                  size_contracts, price, reduce_only, stop_loss, take_profit, status,
                                  exchange_order_id, fill_price, fill_size, fee, error_code, error_message,
                                  created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              o.id(),
              o.clientOrderId(),
              o.decisionId().orElse(null),
              o.symbol(),
              o.side(),
              o.posSide().orElse(null),
              o.orderType(),
              o.tradeMode(),
              o.sizeContracts(),
              o.price().orElse(null),
              o.reduceOnly(),
              o.stopLoss().orElse(null),
              o.takeProfit().orElse(null),
              o.status().name(),
              o.exchangeOrderId().orElse(null),
              o.fillPrice().orElse(null),
              o.fillSize().orElse(null),
              o.fee().orElse(null),
              o.errorCode().orElse(null),
              o.errorMessage().orElse(null),
              Rows.time(o.createdAt()),
              Rows.time(o.updatedAt()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new DuplicateClientOrderIdException(o.clientOrderId(), e);
    }
  }

  public Optional<OrderRecord> findByClientOrderId(String clientOrderId) {
    return jdbc.sql("SELECT * FROM orders WHERE client_order_id = ?")
        .param(clientOrderId)
        .query(OrderRepository::map)
        .optional();
  }

  /**
   * Records what the exchange said, if the order may move to {@code status} from where it stands (see {@link OrderStatus}).
   *
   * @return false when the write was refused (it came late: the order has moved past it, or the move is not in the graph)
   *     or no such order exists; the row is then left as it was
   */
  public boolean updateStatus(
      String clientOrderId,
      OrderStatus status,
      Optional<String> exchangeOrderId,
      Optional<String> errorCode,
      Optional<String> errorMessage,
      Instant now) {
    return jdbc.sql(
                """
                UPDATE orders SET status = :status, exchange_order_id = COALESCE(:ordId, exchange_order_id),
                                  error_code = :code, error_message = :message, updated_at = :now
                WHERE client_order_id = :clOrdId AND status IN (:from)
                """)
            .param("status", status.name())
            .param("ordId", exchangeOrderId.orElse(null))
            .param("code", errorCode.orElse(null))
            .param("message", errorMessage.orElse(null))
            .param("now", Rows.time(now))
            .param("clOrdId", clientOrderId)
            .param("from", names(status.writableFrom()))
            .update()
        == 1;
  }

  /**
   * Records the fill as the exchange reported it (average price, filled contracts, fee), under the same guard as
   * {@link #updateStatus}: usually written right after the status, so the same state again is applied.
   *
   * @return false when the write was refused or no such order exists
   */
  public boolean recordFill(
      String clientOrderId,
      OrderStatus status,
      BigDecimal fillPrice,
      BigDecimal fillSize,
      BigDecimal fee,
      Instant now) {
    return jdbc.sql(
                "UPDATE orders SET status = :status, fill_price = :price, fill_size = :size, fee = :fee, updated_at = :now"
                    + " WHERE client_order_id = :clOrdId AND status IN (:from)")
            .param("status", status.name())
            .param("price", fillPrice)
            .param("size", fillSize)
            .param("fee", fee)
            .param("now", Rows.time(now))
            .param("clOrdId", clientOrderId)
            .param("from", names(status.writableFrom()))
            .update()
        == 1;
  }

  private static List<String> names(Set<OrderStatus> statuses) {
    return statuses.stream().map(Enum::name).toList();
  }

  /**
   * The newest filled entry (not reduce-only) on a symbol: where a position's stop-loss comes from when its protection
   * has to be re-armed.
   */
  public Optional<OrderRecord> lastFilledEntry(String symbol) {
    return jdbc.sql(
            "SELECT * FROM orders WHERE symbol = ? AND status = 'FILLED' AND reduce_only = false"
                + " ORDER BY updated_at DESC, created_at DESC LIMIT 1")
        .param(symbol)
        .query(OrderRepository::map)
        .optional();
  }

  /** Orders the exchange may still act on, oldest first: what start-up reconciliation must check. */
  public List<OrderRecord> unresolved() {
    List<String> statuses =
        Arrays.stream(OrderStatus.values())
            .filter(OrderStatus::isUnresolved)
            .map(Enum::name)
            .toList();
    return jdbc.sql("SELECT * FROM orders WHERE status IN (:statuses) ORDER BY created_at")
        .param("statuses", statuses)
        .query(OrderRepository::map)
        .list();
  }

  static OrderRecord map(ResultSet rs, int row) throws SQLException {
    return new OrderRecord(
        Rows.uuid(rs, "id"),
        rs.getString("client_order_id"),
        Rows.optionalUuid(rs, "decision_id"),
        rs.getString("symbol"),
        rs.getString("side"),
        Rows.text(rs, "pos_side"),
        rs.getString("order_type"),
        rs.getString("trade_mode"),
        Rows.number(rs, "size_contracts"),
        Rows.decimal(rs, "price"),
        rs.getBoolean("reduce_only"),
        Rows.decimal(rs, "stop_loss"),
        Rows.decimal(rs, "take_profit"),
        OrderStatus.valueOf(rs.getString("status")),
        Rows.text(rs, "exchange_order_id"),
        Rows.decimal(rs, "fill_price"),
        Rows.decimal(rs, "fill_size"),
        Rows.decimal(rs, "fee"),
        Rows.text(rs, "error_code"),
        Rows.text(rs, "error_message"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
