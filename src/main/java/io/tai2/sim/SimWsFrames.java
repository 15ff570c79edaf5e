package io.tai2.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The frames the simulated WebSocket answers with that are not market data: {@code event} acks and errors with the
 * connection id, and the {@code eventType}/paging fields OKX adds to account and position pushes. One place, so every
 * reply of the login, the subscription routing and the account pushes has the same shape.
 */
final class SimWsFrames {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SimWsFrames() {}

  /** An {@code event} frame ({@code login}, {@code subscribe}, {@code notice}, ...); {@code id} is echoed when given. */
  static ObjectNode event(String id, String event, SimWsSession session) {
    ObjectNode node = JSON.createObjectNode();
    if (id != null) {
      node.put("id", id);
    }
    node.put("event", event).put("connId", session.connId);
    return node;
  }

  static String error(String id, String code, String msg, SimWsSession session) {
    ObjectNode node = event(id, "error", session);
    node.put("code", code).put("msg", msg);
    return JSON.writeValueAsString(node);
  }

  /** The first push after a subscription to {@code account} or {@code positions}. */
  static String snapshot(SimWsSubscription sub, ObjectNode... rows) {
    return withEventType(SimWsFeed.data(sub, rows), "snapshot");
  }

  static String withEventType(String message, String eventType) {
    ObjectNode node = (ObjectNode) JSON.readTree(message);
    node.put("eventType", eventType).put("curPage", 1).put("lastPage", true);
    return JSON.writeValueAsString(node);
  }

  static ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  /** Parses a client's text frame; throws Jackson's exception when it is not JSON. */
  static JsonNode read(String text) {
    return JSON.readTree(text);
  }

  static String write(ObjectNode node) {
    return JSON.writeValueAsString(node);
  }
}
