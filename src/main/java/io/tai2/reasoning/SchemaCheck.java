package io.tai2.reasoning;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Whether an operator's response-schema override can be sent to the model, and with {@code strict} or without. */
public sealed interface SchemaCheck {

  /**
   * The override can be used.
   *
   * @param strictCompatible every property is required and no others are allowed, so {@code strict: true} may be set
   * @param warnings what the operator should know (e.g. replies that will always be rejected)
   */
  record Usable(JsonNode schema, boolean strictCompatible, List<String> warnings)
      implements SchemaCheck {

    public Usable {
      schema = Objects.requireNonNull(schema, "schema").deepCopy();
      warnings = List.copyOf(warnings);
    }

    /** A copy: the tree is mutable and this one must stay as checked. */
    @Override
    public JsonNode schema() {
      return schema.deepCopy();
    }
  }

  /** The override cannot be used; the reason says what to change. */
  record Unusable(String reason) implements SchemaCheck {

    public Unusable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
