package io.tai2.lab;

import io.tai2.fills.PaperAccount;
import io.tai2.market.AccountSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The paper account as the guardrails and the prompt see an OKX account: positions in contracts, balances in USDT. */
final class BacktestAccounts {

  private BacktestAccounts() {}

  static List<AccountSnapshot.Position> positions(PaperAccount account, List<SymbolHistory> symbols, String tradeMode) {
    return account.positions().stream().map(p -> position(account, p, symbols, tradeMode)).toList();
  }

  static AccountSnapshot snapshot(PaperAccount account, List<SymbolHistory> symbols, Instant now, String tradeMode) {
    BigDecimal equity = account.equity();
    BigDecimal upl = equity.subtract(account.cash());
    return new AccountSnapshot(now, equity, List.of(new AccountSnapshot.Balance("USDT", equity, account.cash(), account.available(), upl)),
        positions(account, symbols, tradeMode), List.of(), List.of(), new AccountSnapshot.Fees(24, BigDecimal.ZERO, 0, now), Map.of());
  }

  private static AccountSnapshot.Position position(PaperAccount account, PaperAccount.Position p, List<SymbolHistory> symbols, String tradeMode) {
    BigDecimal mark = account.mark(p.symbol());
    String coinCcy = symbols.stream().filter(s -> s.symbol().equals(p.symbol())).findFirst().map(s -> s.instrument().ctValCcy()).orElse("");
    return new AccountSnapshot.Position(p.symbol(), "net", p.side(), tradeMode, p.contracts(), p.coin(), coinCcy, p.coin().multiply(mark),
        p.entryPrice(), mark, p.profitAt(mark), p.leverage(), account.liquidationPrice(p.symbol()).orElse(null), p.margin(),
        p.stop().orElse(null), p.take().orElse(null));
  }
}
