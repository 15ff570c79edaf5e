package io.tai2.sim;

/**
 * An API key the simulator knows, with the environment it was created for (demo keys only work with the demo header).
 * A sub-account key names its master's key and its sub-account name; a master key has both empty.
 */
public record SimAccount(
    String apiKey,
    String secretKey,
    String passphrase,
    boolean demo,
    boolean readOnly,
    String masterKey,
    String subAcct) {

  /** A master-account key. */
  public SimAccount(
      String apiKey, String secretKey, String passphrase, boolean demo, boolean readOnly) {
    this(apiKey, secretKey, passphrase, demo, readOnly, "", "");
  }

  /** A key of sub-account {@code subAcct} under the master account of {@code masterKey}. */
  public static SimAccount sub(
      String apiKey,
      String secretKey,
      String passphrase,
      boolean demo,
      String masterKey,
      String subAcct) {
    return new SimAccount(apiKey, secretKey, passphrase, demo, false, masterKey, subAcct);
  }

  public boolean isSub() {
    return !masterKey.isEmpty();
  }

  @Override
  public String toString() {
    return "SimAccount[apiKey="
        + apiKey
        + ", demo="
        + demo
        + ", readOnly="
        + readOnly
        + (isSub() ? ", sub of " + masterKey : "")
        + "]";
  }
}
