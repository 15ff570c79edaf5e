package io.tai2.config;

import io.tai2.history.SettingsRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One group of runtime settings kept as a named JSON document: loaded at start (defaults the first time), changed only
 * through {@link #update}, which validates (the record's constructor), saves with an audit entry in one transaction,
 * then swaps the live value atomically. Readers always see a whole, saved value.
 */
public final class SettingsDocument<T> {

  private final SettingsRepository repository;
  private final String name;
  private final Function<T, String> write;
  private final Clock clock;
  private final AtomicReference<T> current;

  public SettingsDocument(SettingsRepository repository, String name, T defaults, Function<T, String> write, Function<String, T> read,
      Clock clock) {
    this.repository = repository;
    this.name = name;
    this.write = write;
    this.clock = clock;
    this.current = new AtomicReference<>(repository.find(name).map(read).orElse(defaults));
  }

  public T current() {
    return current.get();
  }

  /** Applies {@code change}; an exception from it (invalid value) leaves everything as it was. */
  public synchronized T update(UnaryOperator<T> change, String actor) {
    T before = current.get();
    T after = change.apply(before);
    String afterJson = write.apply(after);
    repository.saveWithAudit(Map.of(name, afterJson), actor, Optional.of(write.apply(before)), afterJson, clock.instant());
    current.set(after);
    return after;
  }
}
