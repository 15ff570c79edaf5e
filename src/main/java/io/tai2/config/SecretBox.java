package io.tai2.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets an operator enters at runtime (OKX keys) before they are stored: AES-256-GCM with a random
 * 96-bit nonce per value, the key derived from {@code TAI2_SECRET_KEY}. A stored value reads {@code v1:<base64(nonce ‖
 * ciphertext ‖ tag)>}; a value encrypted under another key, or altered, does not decrypt (it is refused, never guessed).
 */
public final class SecretBox {

  private static final String PREFIX = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** A box keyed by {@code secretKey} (at least 16 characters; e.g. {@code openssl rand -base64 32}). */
  public SecretBox(Secret secretKey) {
    if (secretKey.reveal().length() < 16) {
      throw new IllegalArgumentException(
          "TAI2_SECRET_KEY must be at least 16 characters (e.g. openssl rand -base64 32)");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("tai2-secret-box-v1:" + secretKey.reveal()).getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(digest, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  public String seal(Secret value) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(value.reveal().getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** The secret in a sealed value; an {@link IllegalArgumentException} (without any of the value) when it cannot be opened. */
  public Secret open(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a stored secret is not in the v1 format");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      if (in.length <= NONCE_BYTES) {
        throw new IllegalArgumentException("a stored secret is truncated");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      return Secret.of(
          new String(
              cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a stored secret cannot be decrypted with this TAI2_SECRET_KEY (changed key or altered data)");
    }
  }
}
