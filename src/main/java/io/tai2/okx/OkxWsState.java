package io.tai2.okx;

/** Where one WebSocket service connection stands (for status lights). */
public enum OkxWsState {
  CONNECTING,
  CONNECTED,
  /** The server refused the login: wrong keys. Retried slowly; a reconfigure with new keys fixes it. */
  LOGIN_FAILED,
  DISCONNECTED,
  CLOSED
}
