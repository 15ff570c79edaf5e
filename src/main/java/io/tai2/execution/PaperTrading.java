package io.tai2.execution;

import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A paper account that the guardrails judge against and that approved plans fill in instead of OKX: the dry run while
 * live execution is off, and each shadow model's own account. {@link DecisionExecution} hands such a book every plan
 * that would otherwise go to the {@link OrderExecutor}; a book never reaches the exchange.
 */
public interface PaperTrading {

  /** The book's name on pages and in the decision log ({@code paper}, or {@code shadow: model @ version}). */
  String name();

  /** The account as the guardrails see it: equity, free margin and open positions in contracts (net position mode). */
  GuardrailInput.Account account(String tradeMode);

  /** The book's own recent fills: the cooldown and the trade-rate limit count these, never the live account's. */
  GuardrailInput.Activity activity(String symbol, Instant now, Duration window);

  /** The book's own daily-loss lock (measured on the book's equity); off while it has none. */
  GuardrailInput.RiskLockState lock(Instant now);

  /** True while the book holds a position on {@code symbol}. */
  boolean holds(String symbol);

  /**
   * Fills an approved plan at {@code price} (the live last price now), as a market order on the book.
   *
   * @return one line saying what filled, for the decision log
   */
  String fill(OrderPlan plan, Instrument instrument, BigDecimal price, Instant at);
}
