package io.tai2.okx;

/**
 * Account settings that change how tai2 must trade: {@code acctLv} 2 = futures mode, {@code posMode} net_mode or
 * long_short_mode, and whether the key may trade. {@code label} is the API key's note (OKX: "API key note of current
 * request API key"), not the sub-account's name: OKX tells a sub-account's name only to its master.
 */
public record AccountConfig(
    String uid, String mainUid, String acctLv, String posMode, String perm, String label) {

  /** A key of a sub-account reports a uid different from its main account's. */
  public boolean isSubAccount() {
    return !uid.equals(mainUid);
  }

  public boolean canTrade() {
    return perm.contains("trade");
  }
}
