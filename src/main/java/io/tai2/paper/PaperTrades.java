package io.tai2.paper;

import io.tai2.fills.ExitReason;
import io.tai2.fills.PaperAccount;
import io.tai2.history.PaperTrade;
import java.util.Optional;
import java.util.UUID;

/** A paper position, and a closed round trip, as the rows the history keeps of them. */
final class PaperTrades {

  private PaperTrades() {}

  static PaperTrade entered(String book, PaperAccount.Position p) {
    return new PaperTrade(
        UUID.randomUUID(),
        book,
        p.symbol(),
        p.side(),
        p.contracts(),
        p.coin(),
        p.leverage(),
        p.entryTime(),
        p.entryPrice(),
        p.stop(),
        p.take(),
        p.entryDecision(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(p.fees()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static PaperTrade exited(String book, PaperAccount.Closed c) {
    return exited(book, c, c.reason());
  }

  static PaperTrade exited(String book, PaperAccount.Closed c, ExitReason reason) {
    PaperAccount.Position p = c.position();
    return new PaperTrade(
        UUID.randomUUID(),
        book,
        p.symbol(),
        p.side(),
        p.contracts(),
        p.coin(),
        p.leverage(),
        p.entryTime(),
        p.entryPrice(),
        p.stop(),
        p.take(),
        p.entryDecision(),
        Optional.of(c.exitTime()),
        Optional.of(c.exitPrice()),
        Optional.of(reason.word()),
        c.exitDecision(),
        Optional.of(c.fees()),
        Optional.of(c.funding()),
        Optional.of(c.grossPnl()),
        Optional.of(c.pnl()),
        Optional.of(c.favourablePct()),
        Optional.of(c.adversePct()));
  }
}
