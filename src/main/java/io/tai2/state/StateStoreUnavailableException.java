package io.tai2.state;

/** The state store cannot be reached; the message says where and what to check. */
public class StateStoreUnavailableException extends RuntimeException {
  public StateStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
