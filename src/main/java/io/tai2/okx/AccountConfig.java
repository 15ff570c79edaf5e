package io.tai2.okx;

/**
 * Account settings that change how tai2 must trade: {@code acctLv} 2 = futures mode, {@code posMode} net_mode or
 * long_short_mode, and whether the key may trade.
 */
public record AccountConfig(String uid, String mainUid, String acctLv, String posMode, String perm) {

  /** A key of a sub-account reports a uid different from its main account's. */
  public boolean isSubAccount() {
    return !uid.equals(mainUid);
  }

  public boolean canTrade() {
    return perm.contains("trade");
  }
}
