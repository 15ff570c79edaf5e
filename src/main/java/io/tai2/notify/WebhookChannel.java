package io.tai2.notify;

import io.tai2.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POSTs each notification as JSON to one URL: {@code {"text": "...", "event": {"kind", "symbol", "at", "fields"}}}.
 * Slack, Discord (with {@code /slack} appended to its webhook URL) and Mattermost incoming webhooks read {@code text};
 * anything else can read {@code event}. The URL is a secret (those services put a token in its path): logs show only
 * its scheme and host.
 */
public final class WebhookChannel implements NotificationChannel {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI url;
  private final String name;
  private final JsonPost post;

  public WebhookChannel(Secret url, HttpClient http) {
    this.url = URI.create(url.reveal());
    this.name =
        "webhook "
            + this.url.getScheme()
            + "://"
            + this.url.getHost()
            + (this.url.getPort() > 0 ? ":" + this.url.getPort() : "")
            + "/…";
    this.post = new JsonPost(http);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification) {
    post.post(url, body(notification), name);
  }

  static String body(Notification n) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", n.text());
    ObjectNode event = body.putObject("event");
    event.put("kind", n.kind().id());
    event.put("symbol", n.symbol());
    event.put("at", n.at().toString());
    ObjectNode fields = event.putObject("fields");
    n.fields().forEach(fields::put);
    return JSON.writeValueAsString(body);
  }
}
