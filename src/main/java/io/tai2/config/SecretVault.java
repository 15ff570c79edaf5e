package io.tai2.config;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seals secrets entered at runtime when {@code TAI2_SECRET_KEY} is set; without it, secrets come only from the environment. */
public final class SecretVault {

  private static final Logger log = LoggerFactory.getLogger(SecretVault.class);

  private final Optional<SecretBox> box;

  public SecretVault(Optional<Secret> key) {
    this.box = key.map(SecretBox::new);
  }

  public boolean available() {
    return box.isPresent();
  }

  public String seal(Secret value) {
    return box.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "okx: set TAI2_SECRET_KEY (16+ characters) to store OKX keys entered here; until then they come only from the environment"))
        .seal(value);
  }

  /** The secret, or empty (with an error in the log, never the value) when there is no key or it does not open. */
  public Optional<Secret> open(String sealed) {
    if (box.isEmpty()) {
      log.error(
          "event=secret_unreadable reason=\"TAI2_SECRET_KEY is not set\" action=\"set it again, or enter the OKX keys again\"");
      return Optional.empty();
    }
    try {
      return Optional.of(box.get().open(sealed));
    } catch (IllegalArgumentException e) {
      log.error(
          "event=secret_unreadable reason=\"{}\" action=\"restore the TAI2_SECRET_KEY they were saved with, or enter the OKX keys again\"",
          e.getMessage());
      return Optional.empty();
    }
  }
}
