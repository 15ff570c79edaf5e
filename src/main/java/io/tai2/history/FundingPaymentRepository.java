package io.tai2.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Funding fees charged or paid on positions, each once by its OKX bill id; read back into round trips' PnL. */
@Repository
public class FundingPaymentRepository {

  private final JdbcClient jdbc;

  public FundingPaymentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a payment unless its bill is already recorded; returns whether this call inserted it. */
  public boolean insertOnce(FundingPayment p) {
    if (jdbc.sql("SELECT COUNT(*) FROM funding_payments WHERE bill_id = ?")
            .param(p.billId())
            .query(Long.class)
            .single()
        > 0) {
      return false;
    }
    try {
      jdbc.sql(
              "INSERT INTO funding_payments (bill_id, paid_at, symbol, amount) VALUES (?, ?, ?, ?)")
          .params(p.billId(), Rows.time(p.paidAt()), p.symbol(), p.amount())
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false; // recorded concurrently
    }
  }

  /** Payments since {@code since} (on one symbol when given), oldest first. */
  public List<FundingPayment> since(Instant since, Optional<String> symbol) {
    Where where =
        new Where().and("paid_at >= ?", Optional.of(Rows.time(since))).and("symbol = ?", symbol);
    return jdbc.sql("SELECT * FROM funding_payments" + where.sql() + " ORDER BY paid_at, bill_id")
        .params(where.params())
        .query(
            (rs, row) ->
                new FundingPayment(
                    rs.getString("bill_id"),
                    Rows.instant(rs, "paid_at"),
                    rs.getString("symbol"),
                    Rows.number(rs, "amount")))
        .list();
  }
}
