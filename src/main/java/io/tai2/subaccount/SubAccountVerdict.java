package io.tai2.subaccount;

import io.tai2.okx.AccountConfig;
import io.tai2.okx.OkxMasterAccount;
import java.util.Optional;

/**
 * What OKX says about the declared sub-account and the trading keys. Only {@link Matches} and {@link NotDeclared} let
 * live entries go: with any other verdict orders could reach another account than the operator believes.
 */
public sealed interface SubAccountVerdict {

  /** One line for the operator: what was found and, when something is wrong, what to do. */
  String message();

  /** Why live entries are refused under this verdict; empty when they may go. */
  default Optional<String> refusal() {
    return Optional.of(message());
  }

  /** No sub-account declared: nothing to check, tai2 trades whatever account its keys reach. */
  record NotDeclared() implements SubAccountVerdict {
    @Override
    public String message() {
      return "no sub-account declared: tai2 trades the account its OKX keys belong to";
    }

    @Override
    public Optional<String> refusal() {
      return Optional.empty();
    }
  }

  /** A sub-account is declared but there are no trading keys to check (nor to trade with). */
  record NoTradingKeys(String subAccount) implements SubAccountVerdict {
    @Override
    public String message() {
      return "sub-account "
          + subAccount
          + " is declared but there are no OKX trading keys: enter sub-account "
          + subAccount
          + "'s own API keys";
    }
  }

  /** OKX could not be asked (unreachable, refused the keys, or not asked yet); checked again on the next use. */
  record Unchecked(String subAccount, String reason) implements SubAccountVerdict {
    @Override
    public String message() {
      return "sub-account " + subAccount + " is not checked yet: " + reason;
    }
  }

  /** The keys are not sub-account {@code subAccount}'s, or the master keys do not belong with them. */
  record Mismatch(String subAccount, String problem) implements SubAccountVerdict {
    @Override
    public String message() {
      return problem;
    }
  }

  /**
   * The trading keys belong to a sub-account ({@code uid}) of master {@code mainUid}; {@code confirmed} when the master keys
   * confirmed that this sub-account is called {@code subAccount} (OKX tells a sub-account's name only to its master).
   * {@code keyLabel} is the API key's note.
   */
  record Matches(String subAccount, String uid, String mainUid, String keyLabel, boolean confirmed)
      implements SubAccountVerdict {
    @Override
    public String message() {
      return confirmed
          ? "the trading keys are sub-account "
              + subAccount
              + "'s (uid "
              + uid
              + ") of master uid "
              + mainUid
              + ", confirmed with the master keys"
          : "the trading keys belong to a sub-account (uid "
              + uid
              + ") of master uid "
              + mainUid
              + "; that it is called "
              + subAccount
              + " is not confirmed: OKX tells a sub-account's name only to its master (enter the master keys to confirm it)";
    }

    @Override
    public Optional<String> refusal() {
      return Optional.empty();
    }
  }

  /**
   * The verdict on sub-account {@code declared} from what the trading keys' {@code account/config} says and, with master
   * keys, what the master's {@code account/config} and its sub-account list say ({@code listed}: empty when the master has
   * no sub-account of that name).
   */
  static SubAccountVerdict judge(
      String declared,
      AccountConfig trading,
      Optional<AccountConfig> master,
      Optional<OkxMasterAccount.SubAccount> listed) {
    if (!trading.isSubAccount()) {
      return new Mismatch(
          declared,
          "the trading keys belong to a master account (uid "
              + trading.uid()
              + "), not to sub-account "
              + declared
              + ": enter sub-account "
              + declared
              + "'s own API keys (OKX lets only a sub-account's keys place its orders)");
    }
    if (master.isEmpty()) {
      return new Matches(declared, trading.uid(), trading.mainUid(), trading.label(), false);
    }
    AccountConfig m = master.get();
    if (m.isSubAccount()) {
      return new Mismatch(
          declared,
          "the master keys belong to a sub-account (uid "
              + m.uid()
              + "), not to a master account: enter the keys of"
              + " master uid "
              + trading.mainUid());
    }
    if (!m.uid().equals(trading.mainUid())) {
      return new Mismatch(
          declared,
          "the trading keys belong to a sub-account of master uid "
              + trading.mainUid()
              + ", but the master keys are"
              + " master uid "
              + m.uid()
              + "'s: enter the keys of one master and its sub-account");
    }
    if (listed.isEmpty()) {
      return new Mismatch(
          declared,
          "master uid "
              + m.uid()
              + " has no sub-account called "
              + declared
              + ": check the name as OKX shows it"
              + " under Sub-accounts");
    }
    if (!sameUid(listed.get().uid(), trading.uid())) {
      return new Mismatch(
          declared,
          "the trading keys are not sub-account "
              + declared
              + "'s: they belong to sub-account uid "
              + trading.uid()
              + ", and "
              + declared
              + " is uid "
              + listed.get().uid()
              + "; enter "
              + declared
              + "'s own API keys, or declare the sub-account they belong to");
    }
    return new Matches(declared, trading.uid(), trading.mainUid(), trading.label(), true);
  }

  /**
   * Whether the uid in the master's list is {@code uid}. OKX's documentation shows that list's uids masked
   * ({@code 3400***********7413}); a masked one matches when its visible start and end do (docs/OKX-SUB-ACCOUNTS.md).
   */
  static boolean sameUid(String listed, String uid) {
    int star = listed.indexOf('*');
    if (star < 0) {
      return listed.equals(uid);
    }
    String head = listed.substring(0, star);
    String tail = listed.substring(listed.lastIndexOf('*') + 1);
    return !head.isEmpty()
        && !tail.isEmpty()
        && uid.startsWith(head)
        && uid.endsWith(tail)
        && uid.length() >= head.length() + tail.length();
  }
}
