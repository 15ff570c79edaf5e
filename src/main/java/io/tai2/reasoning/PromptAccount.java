package io.tai2.reasoning;

import io.tai2.history.DecisionRecord;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The account a live prompt shows the model, and where the decision will be acted on: OKX's account while live
 * execution is on; the paper account (the dry run) while it is off, so the model sees the positions its decisions
 * opened there.
 */
public interface PromptAccount {

  Optional<AccountSnapshot> current();

  /** {@link DecisionRecord#LIVE} or {@link DecisionRecord#PAPER}: recorded with every decision. */
  String source();

  /** OKX's account as the market engine holds it. */
  static PromptAccount exchange(MarketEngine market) {
    return new PromptAccount() {
      @Override
      public Optional<AccountSnapshot> current() {
        return market.account();
      }

      @Override
      public String source() {
        return DecisionRecord.LIVE;
      }
    };
  }

  /** Asks {@code which} on every call: the paper module's view exists only once its beans do. */
  static PromptAccount lazy(Supplier<PromptAccount> which) {
    return new PromptAccount() {
      @Override
      public Optional<AccountSnapshot> current() {
        return which.get().current();
      }

      @Override
      public String source() {
        return which.get().source();
      }
    };
  }
}
