package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Master ⇄ sub-account transfers by client id: recorded before they are sent, settled once OKX answered. */
@Repository
public class SubAccountTransferRepository {

  private final JdbcClient jdbc;

  public SubAccountTransferRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a transfer about to be sent; false when its client id is recorded already (it is then never sent again). */
  public boolean insertIntent(SubAccountTransfer t) {
    try {
      jdbc.sql(
              "INSERT INTO subaccount_transfers (client_id, requested_at, actor, environment, sub_account, direction, master_side, amount, state)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              t.clientId(),
              Rows.time(t.requestedAt()),
              t.actor(),
              t.environment(),
              t.subAccount(),
              t.direction(),
              t.masterSide(),
              t.amount(),
              t.state())
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Sets what became of a transfer: its state, and OKX's transfer id or refusal when there is one. */
  public void settle(
      String clientId,
      String state,
      Optional<String> transId,
      Optional<String> okxCode,
      Optional<String> okxMessage,
      Instant at) {
    jdbc.sql(
            "UPDATE subaccount_transfers SET state = ?, trans_id = COALESCE(?, trans_id), okx_code = ?, okx_message = ?, settled_at = ?"
                + " WHERE client_id = ?")
        .params(
            state,
            transId.orElse(null),
            okxCode.orElse(null),
            okxMessage.orElse(null),
            Rows.time(at),
            clientId)
        .update();
  }

  public Optional<SubAccountTransfer> find(String clientId) {
    return jdbc.sql("SELECT * FROM subaccount_transfers WHERE client_id = ?")
        .param(clientId)
        .query(SubAccountTransferRepository::row)
        .optional();
  }

  /** The newest {@code limit} transfers, newest first. */
  public List<SubAccountTransfer> recent(int limit) {
    return jdbc.sql(
            "SELECT * FROM subaccount_transfers ORDER BY requested_at DESC, client_id LIMIT ?")
        .param(limit)
        .query(SubAccountTransferRepository::row)
        .list();
  }

  private static SubAccountTransfer row(ResultSet rs, int n) throws SQLException {
    return new SubAccountTransfer(
        rs.getString("client_id"),
        Rows.instant(rs, "requested_at"),
        rs.getString("actor"),
        rs.getString("environment"),
        rs.getString("sub_account"),
        rs.getString("direction"),
        rs.getString("master_side"),
        Rows.number(rs, "amount"),
        rs.getString("state"),
        Rows.text(rs, "trans_id"),
        Rows.text(rs, "okx_code"),
        Rows.text(rs, "okx_message"),
        Rows.optionalInstant(rs, "settled_at"));
  }
}
