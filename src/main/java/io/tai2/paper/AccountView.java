package io.tai2.paper;

import io.tai2.fills.PaperAccount;
import io.tai2.market.AccountSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A paper account as the guardrails, the prompt and the pages see an OKX account: one USDT balance, positions in
 * contracts with their mark, unrealised PnL, liquidation price and attached stop and take-profit. The backtest uses the
 * same view, so a paper position reads alike everywhere.
 */
public final class AccountView {

  private AccountView() {}

  /** The whole account; no pending orders (paper orders fill at once) and no fee window. */
  public static AccountSnapshot snapshot(PaperAccount account, Instant now, String tradeMode) {
    return snapshot(
        account.equity(),
        account.cash(),
        account.available(),
        account.positions().stream().map(p -> position(account, p, tradeMode)).toList(),
        now);
  }

  static AccountSnapshot snapshot(
      BigDecimal equity,
      BigDecimal cash,
      BigDecimal available,
      List<AccountSnapshot.Position> positions,
      Instant now) {
    BigDecimal upl = equity.subtract(cash);
    return new AccountSnapshot(
        now,
        equity,
        List.of(new AccountSnapshot.Balance("USDT", equity, cash, available, upl)),
        positions,
        List.of(),
        List.of(),
        new AccountSnapshot.Fees(24, BigDecimal.ZERO, 0, now),
        Map.of());
  }

  /** One position at the account's mark; the coin is the swap's base currency ({@code BTC} of {@code BTC-USDT-SWAP}). */
  public static AccountSnapshot.Position position(
      PaperAccount account, PaperAccount.Position p, String tradeMode) {
    BigDecimal mark = account.mark(p.symbol());
    String coinCcy =
        p.symbol().contains("-") ? p.symbol().substring(0, p.symbol().indexOf('-')) : "";
    return new AccountSnapshot.Position(
        p.symbol(),
        "net",
        p.side(),
        tradeMode,
        p.contracts(),
        p.coin(),
        coinCcy,
        p.coin().multiply(mark),
        p.entryPrice(),
        mark,
        p.profitAt(mark),
        p.leverage(),
        account.liquidationPrice(p.symbol()).orElse(null),
        p.margin(),
        p.stop().orElse(null),
        p.take().orElse(null));
  }
}
