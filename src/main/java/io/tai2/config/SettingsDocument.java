package io.tai2.config;

import io.tai2.history.SettingsRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group of runtime settings kept as a named JSON document: loaded at start (defaults the first time), changed only
 * through {@link #update} or {@link #saveTogether}, which validate (the record's constructor), save with one audit entry
 * in one transaction, then swap the live values atomically and tell the listeners, which bring the running services in
 * line. Readers always see a whole, saved value. All settings writes are serialized, so none is lost.
 */
public final class SettingsDocument<T> {

  private static final Logger log = LoggerFactory.getLogger(SettingsDocument.class);
  private static final Object WRITES = new Object();

  private final SettingsRepository repository;
  private final String name;
  private final Function<T, String> write;
  private final Clock clock;
  private final T defaults;
  private final AtomicReference<T> current;
  private final List<BiConsumer<T, T>> listeners = new CopyOnWriteArrayList<>();
  private volatile Function<T, String> shown;

  public SettingsDocument(
      SettingsRepository repository,
      String name,
      T defaults,
      Function<T, String> write,
      Function<String, T> read,
      Clock clock) {
    this.repository = repository;
    this.name = name;
    this.write = write;
    this.shown = write;
    this.clock = clock;
    this.defaults = defaults;
    this.current = new AtomicReference<>(repository.find(name).map(read).orElse(defaults));
  }

  public String name() {
    return name;
  }

  public T current() {
    return current.get();
  }

  /** The document as it is saved. */
  public String json() {
    return write.apply(current.get());
  }

  /**
   * Shows and audits this document in another form than it is stored (e.g. without sealed secrets); the stored form is
   * then never shown nor written to the audit.
   */
  public SettingsDocument<T> shownAs(Function<T, String> form) {
    this.shown = form;
    return this;
  }

  /** The document as it may be shown and audited. */
  public String shownJson() {
    return shown.apply(current.get());
  }

  /** The defaults (what the document holds before its first save) as they may be shown: what CFG's "reset" goes back to. */
  public String shownDefaultsJson() {
    return shown.apply(defaults);
  }

  /**
   * Calls {@code listener(before, after)} after every saved change, on the thread that saved it. A failing listener is
   * logged; the change stays saved and the other listeners still run.
   */
  public void onChange(BiConsumer<T, T> listener) {
    listeners.add(listener);
  }

  /** Applies {@code change}; an exception from it (invalid value) leaves everything as it was. */
  public T update(UnaryOperator<T> change, String actor) {
    synchronized (WRITES) {
      T after = change.apply(current.get());
      saveTogether(actor, List.of(new Change<>(this, after)));
      return after;
    }
  }

  /** A new value for one document, for {@link #saveTogether}. */
  public record Change<T>(SettingsDocument<T> document, T value) {}

  /**
   * Saves several documents in one transaction with one audit entry ({@code {"name": before…}} → {@code {"name":
   * after…}}, only the documents that differ), then makes them current and tells their listeners. Nothing is saved when
   * none differs.
   */
  public static void saveTogether(String actor, List<Change<?>> changes) {
    synchronized (WRITES) {
      Map<String, String> after = new LinkedHashMap<>();
      Map<String, String> before = new LinkedHashMap<>();
      List<Change<?>> changed =
          changes.stream()
              .filter(c -> !c.document().json().equals(c.document().jsonOf(c.value())))
              .toList();
      if (changed.isEmpty()) {
        return;
      }
      Map<String, String> stored = new LinkedHashMap<>();
      for (Change<?> c : changed) {
        before.put(c.document().name, c.document().shownJson());
        after.put(c.document().name, c.document().shownOf(c.value()));
        stored.put(c.document().name, c.document().jsonOf(c.value()));
      }
      SettingsRepository repository = changed.getFirst().document().repository;
      repository.saveWithAudit(
          stored,
          actor,
          Optional.of(composite(before)),
          composite(after),
          changed.getFirst().document().clock.instant());
      changed.forEach(SettingsDocument::swap);
    }
  }

  /**
   * {@link #saveTogether} only if {@code unchanged} still holds under the write lock: a change worked out from values
   * read earlier (and approved meanwhile) is never saved over a change made in between, e.g. the scheduler switched off
   * by a risk lock. False when nothing was saved for that reason.
   */
  public static boolean saveTogetherIf(
      BooleanSupplier unchanged, String actor, List<Change<?>> changes) {
    synchronized (WRITES) {
      if (!unchanged.getAsBoolean()) {
        return false;
      }
      saveTogether(actor, changes);
      return true;
    }
  }

  @SuppressWarnings("unchecked")
  private String jsonOf(Object value) {
    return write.apply((T) value);
  }

  @SuppressWarnings("unchecked")
  private String shownOf(Object value) {
    return shown.apply((T) value);
  }

  private static <T> void swap(Change<T> c) {
    T before = c.document().current.getAndSet(c.value());
    for (BiConsumer<T, T> listener : c.document().listeners) {
      try {
        listener.accept(before, c.value());
      } catch (RuntimeException e) {
        log.error(
            "event=settings_listener_failed document={} error={}",
            c.document().name,
            e.toString(),
            e);
      }
    }
  }

  /** {"a":{…},"b":{…}} from documents that are JSON objects already. */
  private static String composite(Map<String, String> documents) {
    StringBuilder out = new StringBuilder("{");
    documents.forEach(
        (name, json) ->
            out.append(out.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":")
                .append(json));
    return out.append('}').toString();
  }
}
