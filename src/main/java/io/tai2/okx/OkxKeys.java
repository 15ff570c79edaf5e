package io.tai2.okx;

/** OKX API credentials as the client needs them; {@code toString} never shows them. */
public record OkxKeys(String apiKey, String secretKey, String passphrase) {

  @Override
  public String toString() {
    return "OkxKeys[****]";
  }
}
