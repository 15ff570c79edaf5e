package io.tai2.notify;

/** Somewhere notifications are sent: one attempt per call; the {@link Notifier} retries. */
interface NotificationChannel {

  /** How the channel appears in logs: never a token or a full webhook URL. */
  String name();

  /**
   * Sends one notification once.
   *
   * @throws DeliveryFailure when it was not accepted; {@code retryable} says whether trying again may help
   */
  void send(Notification notification);

  /** A send that did not go through; the message names the channel, never its secret. */
  final class DeliveryFailure extends RuntimeException {
    private final boolean retryable;

    DeliveryFailure(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    boolean retryable() {
      return retryable;
    }
  }
}
