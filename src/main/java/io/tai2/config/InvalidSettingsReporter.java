package io.tai2.config;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps Spring Boot from logging a stack trace for {@link InvalidSettingsException}: {@code tai2 serve} prints its
 * problems as {@code tai2: cannot start: …} lines and exits 2.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class InvalidSettingsReporter implements SpringBootExceptionReporter {

  @Override
  public boolean reportException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSettingsException) {
        return true;
      }
    }
    return false;
  }
}
