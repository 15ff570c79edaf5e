package io.tai2.notify;

import io.tai2.config.Secret;
import java.net.URI;

/**
 * A Bot API method's URL, {@code <api>/bot<token>/<method>}: the one place the token goes into a URL. A token that cannot
 * be part of one is refused without the URL in the message (the JDK's own message would quote it, token and all).
 */
final class BotUrl {

  private BotUrl() {}

  static URI of(URI apiUrl, Secret token, String method) {
    try {
      return URI.create(base(apiUrl) + "/bot" + token.reveal() + "/" + method);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the Telegram bot token cannot be part of a URL: check it (digits, a colon, then letters, digits, _ or -)");
    }
  }

  /** How the URL appears in names and logs: the token as four stars. */
  static String masked(URI apiUrl, String method) {
    return base(apiUrl) + "/bot****/" + method;
  }

  private static String base(URI apiUrl) {
    return apiUrl.toString().replaceAll("/+$", "");
  }
}
