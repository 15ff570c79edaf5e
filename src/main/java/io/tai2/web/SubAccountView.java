package io.tai2.web;

import io.tai2.history.SubAccountTransfer;
import io.tai2.subaccount.SubAccountCheck;
import io.tai2.subaccount.SubAccountFunds;
import io.tai2.subaccount.SubAccountVerdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The OKX sub-account as the API and the CFG page show it: the declared name, the check against OKX and whether live
 * entries may go, whether master keys are saved (never the keys), both sides' available USDT and the recent transfers.
 */
record SubAccountView(
    String environment,
    String subAccount,
    String masterKeys,
    Check check,
    String liveEntries,
    String refusal,
    Balances balances,
    String balancesProblem,
    List<Transfer> transfers) {

  /**
   * The check: {@code verdict} not_declared, no_trading_keys, unchecked, mismatch or matches; {@code confirmed} when the
   * master keys confirmed the name; the uids OKX reported for the trading keys and the API key's note.
   */
  record Check(
      String verdict,
      String message,
      boolean confirmed,
      String uid,
      String mainUid,
      String keyLabel,
      Instant checkedAt) {

    static Check of(SubAccountCheck.Checked checked) {
      SubAccountVerdict v = checked.verdict();
      if (v instanceof SubAccountVerdict.Matches m) {
        return new Check(
            SubAccountCheck.name(v),
            v.message(),
            m.confirmed(),
            m.uid(),
            m.mainUid(),
            m.keyLabel(),
            checked.at());
      }
      return new Check(SubAccountCheck.name(v), v.message(), false, null, null, null, checked.at());
    }
  }

  /** Available USDT: the master's funding and trading accounts, the sub-account's trading and funding accounts. */
  record Balances(
      BigDecimal masterFundingUsdt,
      BigDecimal masterTradingUsdt,
      BigDecimal subTradingUsdt,
      BigDecimal subFundingUsdt,
      Instant readAt) {

    static Balances of(SubAccountFunds.Balances b) {
      return new Balances(
          b.masterFunding(), b.masterTrading(), b.subTrading(), b.subFunding(), b.readAt());
    }
  }

  /** One transfer as recorded: direction master_to_sub or sub_to_master, the master's side funding or trading, OKX's answer. */
  record Transfer(
      String clientId,
      Instant requestedAt,
      String actor,
      String environment,
      String subAccount,
      String direction,
      String masterAccount,
      BigDecimal amount,
      String state,
      String transId,
      String okxCode,
      String okxMessage,
      Instant settledAt) {

    static Transfer of(SubAccountTransfer t) {
      return new Transfer(
          t.clientId(),
          t.requestedAt(),
          t.actor(),
          t.environment(),
          t.subAccount(),
          t.direction().toLowerCase(Locale.ROOT),
          t.masterSide().toLowerCase(Locale.ROOT),
          t.amount(),
          t.state().toLowerCase(Locale.ROOT),
          t.transId().orElse(null),
          t.okxCode().orElse(null),
          t.okxMessage().orElse(null),
          t.settledAt().orElse(null));
    }
  }

  /** A transfer's answer: the transfer, whether this request only repeated it, and the balances after it. */
  record Moved(Transfer transfer, boolean replayed, Balances balances) {}
}
