package io.tai2.subaccount;

import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.SubAccountTransfer;
import io.tai2.history.SubAccountTransferRepository;
import io.tai2.okx.AccountBalance;
import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxMasterAccount;
import io.tai2.okx.OkxMasterAccount.Direction;
import io.tai2.okx.OkxMasterAccount.MasterSide;
import io.tai2.okx.OkxOutcomeUnknownException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money of the master account and the declared sub-account, read and moved with the master keys. A transfer is
 * recorded under its client id before it is sent and sent at most once: a retry with the same client id only asks OKX
 * what became of it ({@link TransferLedger}), so money never moves twice.
 */
public final class SubAccountFunds {

  private static final Logger log = LoggerFactory.getLogger(SubAccountFunds.class);

  /** Available USDT on each side, as OKX reported it at {@code readAt}. */
  public record Balances(
      String subAccount,
      BigDecimal masterFunding,
      BigDecimal masterTrading,
      BigDecimal subTrading,
      BigDecimal subFunding,
      Instant readAt) {

    /** What the transfer's source account has available. */
    BigDecimal available(Direction direction, MasterSide masterSide) {
      if (direction == Direction.SUB_TO_MASTER) {
        return subTrading;
      }
      return masterSide == MasterSide.FUNDING ? masterFunding : masterTrading;
    }
  }

  /** A transfer as the operator asks for it: the sub-account's side is its trading account. */
  public record TransferOrder(
      Direction direction, BigDecimal amount, MasterSide masterSide, String clientId) {}

  /** A transfer OKX took (or is processing), {@code replayed} when this request only repeated an earlier one. */
  public record TransferDone(SubAccountTransfer transfer, boolean replayed, Balances balances) {}

  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final MasterAccess master;
  private final SubAccountCheck check;
  private final SubAccountTransferRepository transfers;
  private final TransferLedger ledger;
  private final Clock clock;

  SubAccountFunds(
      SettingsDocument<OkxRuntimeSettings> okx,
      MasterAccess master,
      SubAccountCheck check,
      SubAccountTransferRepository transfers,
      Clock clock) {
    this.okx = okx;
    this.master = master;
    this.check = check;
    this.transfers = transfers;
    this.ledger = new TransferLedger(transfers, clock);
    this.clock = clock;
  }

  /** Both sides' available USDT, read now with the master keys. */
  public Balances balances() {
    String sub = subAccount();
    return balances(masterClient(), sub);
  }

  /** Whether master keys are saved: none, saved, or unreadable (saved under another TAI2_SECRET_KEY). */
  public String masterKeys() {
    return master.keys().name().toLowerCase(Locale.ROOT);
  }

  /** The newest {@code limit} transfers, newest first. */
  public List<SubAccountTransfer> recent(int limit) {
    return transfers.recent(limit);
  }

  /**
   * Moves {@code order.amount()} USDT between master and sub-account once: checks that the sub-account is declared and
   * confirmed with the master keys and that the source has the amount available, records the transfer, sends it, and
   * records OKX's answer. A client id seen before is never sent again: its recorded outcome is returned (after asking OKX
   * when it was not known), or refused when it named another transfer.
   *
   * @throws TransferProblem when nothing was moved by this request, saying why
   */
  public synchronized TransferDone transfer(TransferOrder order, String actor) {
    String sub = subAccount();
    OkxMasterAccount m = masterClient();
    Optional<SubAccountTransfer> earlier = transfers.find(order.clientId());
    if (earlier.isPresent()) {
      return new TransferDone(ledger.replay(earlier.get(), order, sub, m), true, balances(m, sub));
    }
    SubAccountVerdict verdict = check.current().verdict();
    if (!(verdict instanceof SubAccountVerdict.Matches match && match.confirmed())) {
      throw new TransferProblem(
          TransferProblem.Kind.NOT_READY,
          Optional.empty(),
          "money moves only to a sub-account confirmed with the master keys; now: "
              + verdict.message());
    }
    Balances before = balances(m, sub);
    BigDecimal available = before.available(order.direction(), order.masterSide());
    if (order.amount().compareTo(available) > 0) {
      throw new TransferProblem(
          TransferProblem.Kind.TOO_MUCH,
          Optional.of("amount"),
          "at most "
              + available.toPlainString()
              + " USDT is available in "
              + source(order, sub)
              + "; nothing was sent");
    }
    SubAccountTransfer intent =
        SubAccountTransfer.intent(
            order.clientId(),
            clock.instant(),
            actor,
            okx.current().environment(),
            sub,
            order.direction().name(),
            order.masterSide().name(),
            order.amount());
    if (!transfers.insertIntent(
        intent)) { // the same client id recorded a moment ago by another request
      return new TransferDone(
          ledger.replay(transfers.find(order.clientId()).orElseThrow(), order, sub, m),
          true,
          balances(m, sub));
    }
    SubAccountTransfer settled = send(m, intent, order);
    return new TransferDone(settled, false, balances(m, sub));
  }

  private SubAccountTransfer send(
      OkxMasterAccount m, SubAccountTransfer intent, TransferOrder order) {
    try {
      String transId =
          m.transfer(
              new OkxMasterAccount.Transfer(
                  order.direction(),
                  intent.subAccount(),
                  order.amount(),
                  order.masterSide(),
                  order.clientId()));
      return ledger.settle(
          intent, "DONE", Optional.of(transId), Optional.empty(), Optional.empty());
    } catch (OkxApiException e) {
      if (e.effectiveCode().equals(TransferLedger.STILL_PROCESSING)) {
        return ledger.settle(
            intent,
            "PENDING",
            Optional.empty(),
            Optional.of(e.effectiveCode()),
            Optional.of(e.okxMessage()));
      }
      ledger.settle(
          intent,
          "REFUSED",
          Optional.empty(),
          Optional.of(e.effectiveCode()),
          Optional.of(e.okxMessage()));
      throw TransferLedger.refused(e.effectiveCode(), e.okxMessage());
    } catch (OkxOutcomeUnknownException e) {
      log.warn(
          "event=sub_account_transfer_unanswered client_id={} error={}",
          intent.clientId(),
          e.toString());
      ledger.settle(intent, "UNKNOWN", Optional.empty(), Optional.empty(), Optional.empty());
      return ledger.replay(
          transfers.find(intent.clientId()).orElseThrow(), order, intent.subAccount(), m);
    }
  }

  private Balances balances(OkxMasterAccount m, String sub) {
    try {
      return new Balances(
          sub,
          m.fundingUsdt(),
          m.tradingUsdt().map(AccountBalance.CurrencyBalance::availBal).orElse(BigDecimal.ZERO),
          m.subAccountTradingUsdt(sub)
              .map(AccountBalance.CurrencyBalance::availBal)
              .orElse(BigDecimal.ZERO),
          m.subAccountFundingUsdt(sub),
          clock.instant());
    } catch (OkxApiException e) {
      throw new TransferProblem(
          TransferProblem.Kind.OKX_REFUSED,
          Optional.empty(),
          "OKX refused to show the balances: " + e.getMessage(),
          Optional.of(e.effectiveCode()),
          Optional.of(e.okxMessage()));
    } catch (RuntimeException e) {
      throw new TransferProblem(
          TransferProblem.Kind.OKX_UNREACHABLE,
          Optional.empty(),
          "the balances could not be read from OKX (" + e.getMessage() + "); nothing was sent");
    }
  }

  private String subAccount() {
    return okx.current()
        .subAccount()
        .orElseThrow(
            () ->
                new TransferProblem(
                    TransferProblem.Kind.NOT_READY,
                    Optional.of("sub_account"),
                    "no sub-account is declared: enter its name on CFG (OKX sub-account) or set OKX_SUB_ACCOUNT"));
  }

  private OkxMasterAccount masterClient() {
    return master
        .client()
        .orElseThrow(
            () ->
                new TransferProblem(
                    TransferProblem.Kind.NOT_READY,
                    Optional.of("master_keys"),
                    master.keys() == MasterAccess.KeyState.UNREADABLE
                        ? "the saved master keys cannot be opened with this TAI2_SECRET_KEY: enter them again on CFG (OKX sub-account)"
                        : "no master keys: OKX reads a sub-account's balances and moves money between master and sub-account only with the master"
                            + " account's API keys; enter them on CFG (OKX sub-account)"));
  }

  private static String source(TransferOrder order, String sub) {
    return order.direction() == Direction.SUB_TO_MASTER
        ? "sub-account " + sub + "'s trading account"
        : "the master's " + order.masterSide().name().toLowerCase(Locale.ROOT) + " account";
  }
}
