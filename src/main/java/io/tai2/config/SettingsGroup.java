package io.tai2.config;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A runtime settings group owned by a feature module (e.g. {@code notify}) rather than by {@code config}: the whole-settings
 * service lists it beside the built-in groups, shows it in {@code GET /api/settings}, and takes its section of a
 * {@code PUT /api/settings} change, checked with the others and saved in the same transaction with the same audit entry.
 */
public interface SettingsGroup {

  /** The group's saved document: its name, current value and the form it is shown and audited in. */
  SettingsDocument<?> document();

  /**
   * Reads {@code section} (this group's part of a change) strictly and checks it. Every refused field goes into
   * {@code errors} with its JSON path ({@code notify.stale_data_seconds}); empty then.
   */
  Optional<Proposal> propose(JsonNode section, List<FieldError> errors);

  /**
   * A checked change: the document's next value, and the phrases of what in it needs the operator's password again from a
   * browser session (empty when nothing does).
   */
  record Proposal(SettingsDocument.Change<?> change, List<String> risky) {
    public Proposal {
      risky = List.copyOf(risky);
    }
  }
}
