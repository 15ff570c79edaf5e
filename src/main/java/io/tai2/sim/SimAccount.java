package io.tai2.sim;

/** An API key the simulator knows, with the environment it was created for (demo keys only work with the demo header). */
public record SimAccount(String apiKey, String secretKey, String passphrase, boolean demo, boolean readOnly) {

  @Override
  public String toString() {
    return "SimAccount[apiKey=" + apiKey + ", demo=" + demo + ", readOnly=" + readOnly + "]";
  }
}
