package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The paper accounts (the dry run and every shadow): each one's saved document, and its round trips. A fill writes the
 * account and its round trip in one transaction, so a restart never finds a position without its trade row or the
 * other way round.
 */
@Repository
public class PaperRepository {

  private final JdbcClient jdbc;
  private final TransactionOperations tx;

  public PaperRepository(JdbcClient jdbc, TransactionOperations tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** The saved document of a paper account, if it was ever saved. */
  public Optional<String> book(String book) {
    return jdbc.sql("SELECT document FROM paper_books WHERE book = ?")
        .param(book)
        .query(String.class)
        .optional();
  }

  /** The names of every saved paper account. */
  public List<String> books() {
    return jdbc.sql("SELECT book FROM paper_books ORDER BY book").query(String.class).list();
  }

  /** Saves the account's document together with the round trips that opened ({@code entered}) or closed ({@code exited}). */
  public void save(
      String book, String document, Instant at, List<PaperTrade> entered, List<PaperTrade> exited) {
    tx.executeWithoutResult(
        status -> {
          int updated =
              jdbc.sql("UPDATE paper_books SET document = ?, updated_at = ? WHERE book = ?")
                  .params(document, Rows.time(at), book)
                  .update();
          if (updated == 0) {
            jdbc.sql("INSERT INTO paper_books (book, document, updated_at) VALUES (?, ?, ?)")
                .params(book, document, Rows.time(at))
                .update();
          }
          entered.forEach(this::insert);
          exited.forEach(this::complete);
        });
  }

  private void insert(PaperTrade t) {
    jdbc.sql(
            """
            INSERT INTO paper_trades (id, book, symbol, side, contracts, coin, leverage, entry_time, entry_price, stop_loss, take_profit,
                                      entry_decision, fees)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            t.id(),
            t.book(),
            t.symbol(),
            t.side(),
            t.contracts(),
            t.coin(),
            t.leverage(),
            Rows.time(t.entryTime()),
            t.entryPrice(),
            t.stopLoss().orElse(null),
            t.takeProfit().orElse(null),
            t.entryDecision(),
            t.fees().orElse(null))
        .update();
  }

  /** Completes the open round trip of the same book and entry decision. */
  private void complete(PaperTrade t) {
    int updated =
        jdbc.sql(
                """
            UPDATE paper_trades SET exit_time = ?, exit_price = ?, exit_reason = ?, exit_decision = ?, fees = ?, funding = ?, gross_pnl = ?,
                                    pnl = ?, mfe_pct = ?, mae_pct = ?
            WHERE book = ? AND entry_decision = ? AND exit_time IS NULL""")
            .params(
                Rows.time(t.exitTime()),
                t.exitPrice().orElse(null),
                t.exitReason().orElse(null),
                t.exitDecision().orElse(null),
                t.fees().orElse(null),
                t.funding().orElse(null),
                t.grossPnl().orElse(null),
                t.pnl().orElse(null),
                t.mfePct().orElse(null),
                t.maePct().orElse(null),
                t.book(),
                t.entryDecision())
            .update();
    if (updated == 0) {
      insert(
          t); // its entry was never written (saved by an older version): keep the round trip whole
      complete(t);
    }
  }

  /** Round trips of one book (or all books when empty) entered in [from, to), oldest first. */
  public List<PaperTrade> trades(Optional<String> book, Instant from, Instant to) {
    Where where =
        new Where()
            .and("book = ?", book)
            .and("entry_time >= ?", Optional.of(Rows.time(from)))
            .and("entry_time < ?", Optional.of(Rows.time(to)));
    return jdbc.sql("SELECT * FROM paper_trades" + where.sql() + " ORDER BY entry_time, id")
        .params(where.params())
        .query(PaperRepository::map)
        .list();
  }

  /** The newest {@code limit} round trips of every book, newest entry first (HISTORY). */
  public List<PaperTrade> recent(int limit) {
    return jdbc.sql("SELECT * FROM paper_trades ORDER BY entry_time DESC, id LIMIT ?")
        .param(limit)
        .query(PaperRepository::map)
        .list();
  }

  /** The newest {@code limit} round trips of one book, newest entry first (the paper API's {@code book} filter). */
  public List<PaperTrade> recent(String book, int limit) {
    return jdbc.sql(
            "SELECT * FROM paper_trades WHERE book = ? ORDER BY entry_time DESC, id LIMIT ?")
        .params(book, limit)
        .query(PaperRepository::map)
        .list();
  }

  static PaperTrade map(ResultSet rs, int row) throws SQLException {
    return new PaperTrade(
        Rows.uuid(rs, "id"),
        rs.getString("book"),
        rs.getString("symbol"),
        rs.getString("side"),
        Rows.number(rs, "contracts"),
        Rows.number(rs, "coin"),
        Rows.number(rs, "leverage"),
        Rows.instant(rs, "entry_time"),
        Rows.number(rs, "entry_price"),
        Rows.decimal(rs, "stop_loss"),
        Rows.decimal(rs, "take_profit"),
        Rows.uuid(rs, "entry_decision"),
        Rows.optionalInstant(rs, "exit_time"),
        Rows.decimal(rs, "exit_price"),
        Rows.text(rs, "exit_reason"),
        Rows.optionalUuid(rs, "exit_decision"),
        Rows.decimal(rs, "fees"),
        Rows.decimal(rs, "funding"),
        Rows.decimal(rs, "gross_pnl"),
        Rows.decimal(rs, "pnl"),
        Rows.decimal(rs, "mfe_pct"),
        Rows.decimal(rs, "mae_pct"));
  }
}
