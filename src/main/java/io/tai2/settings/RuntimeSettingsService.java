package io.tai2.settings;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsJson;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.ReasoningException;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.reasoning.ResponseSchema;
import io.tai2.reasoning.SchemaCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and changes every runtime setting as one whole. A change names the groups and fields it changes (the rest keep
 * their values); the result is validated per group (the records) and across groups (pairs that OKX lists, prompt
 * versions that exist, a usable schema override, no scheduler while a risk lock is on); then every changed group is
 * saved in one transaction with one audit entry and made current, and its listeners rehydrate the running services.
 * An invalid change saves nothing.
 */
public final class RuntimeSettingsService {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SettingsDocument<MarketRuntimeSettings> market;
  private final SettingsDocument<GuardrailSettings> guardrails;
  private final SettingsDocument<ExecutionSettings> execution;
  private final SettingsDocument<ReasoningSettings> reasoning;
  private final SettingsDocument<SchedulerSettings> scheduler;
  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final SecretVault vault;
  private final boolean environmentDemo;
  private final SettingsRepository repository;
  private final RiskLockRepository locks;
  private final Instruments instruments;
  private final Predicate<UUID> versionExists;
  private final java.util.function.IntSupplier unresolvedOrders;

  /** Which swaps OKX lists; {@link Optional#empty()} while the instrument list is not known. */
  @FunctionalInterface
  public interface Instruments {
    Optional<Predicate<String>> listed();
  }

  public RuntimeSettingsService(SettingsDocument<MarketRuntimeSettings> market, SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution, ReasoningSettingsStore reasoning, SettingsDocument<SchedulerSettings> scheduler,
      SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault, boolean environmentDemo,
      SettingsRepository repository, RiskLockRepository locks, Instruments instruments, Predicate<UUID> versionExists,
      java.util.function.IntSupplier unresolvedOrders) {
    this.market = market;
    this.guardrails = guardrails;
    this.execution = execution;
    this.reasoning = reasoning.document();
    this.scheduler = scheduler;
    this.okx = okx;
    this.vault = vault;
    this.environmentDemo = environmentDemo;
    this.repository = repository;
    this.locks = locks;
    this.instruments = instruments;
    this.versionExists = versionExists;
    this.unresolvedOrders = unresolvedOrders;
  }

  public RuntimeSettings current() {
    return new RuntimeSettings(market.current(), guardrails.current(), execution.current(), reasoning.current(), scheduler.current(),
        okx.current());
  }

  /** Every group as it may be shown, under the group's name: no key, sealed or not, is ever in it. */
  public JsonNode json() {
    ObjectNode all = JSON.createObjectNode();
    for (SettingsDocument<?> doc : documents()) {
      all.set(doc.name(), JSON.readTree(doc.shownJson()));
    }
    return all;
  }

  /** The newest audit entries, newest first. */
  public List<SettingsRepository.AuditEntry> audit(int limit) {
    return repository.audit(limit);
  }

  /**
   * Applies {@code patch} ({@code {"market":{…},"guardrails":{…},…}}, each group partial) as one change.
   *
   * @throws IllegalArgumentException naming the group and field when anything is invalid (nothing is saved)
   * @throws ReasoningException {@code RISK_LOCKED} when the scheduler would be switched on under a risk lock
   */
  public RuntimeSettings update(JsonNode patch, String actor) {
    if (!patch.isObject()) {
      throw new IllegalArgumentException("settings must be a JSON object such as {\"guardrails\":{\"max_leverage\":3}}");
    }
    Map<String, SettingsDocument<?>> byName = new LinkedHashMap<>();
    documents().forEach(d -> byName.put(d.name(), d));
    for (String name : patch.propertyNames()) {
      if (!byName.containsKey(name)) { // (okx is among them, handled by nextOkx)
        throw new IllegalArgumentException(name + ": not a settings group; the groups are " + byName.keySet());
      }
    }
    List<SettingsDocument.Change<?>> changes = new ArrayList<>();
    MarketRuntimeSettings m = next(patch, market, (json, current) -> SettingsJson.market(json, current), changes);
    GuardrailSettings g = next(patch, guardrails, (json, current) -> SettingsJson.guardrails(json, current), changes);
    ExecutionSettings e = next(patch, execution, (json, current) -> SettingsJson.execution(json, current), changes);
    ReasoningSettings r = next(patch, reasoning, (json, current) -> ReasoningSettingsStore.read(json), changes);
    SchedulerSettings s = next(patch, scheduler, (json, current) -> SettingsJson.scheduler(json, current), changes);
    OkxRuntimeSettings o = nextOkx(patch.path(okx.name()), changes);
    checkPairs(m);
    checkReasoning(r);
    checkScheduler(s);
    SettingsDocument.saveTogether(actor, changes);
    return new RuntimeSettings(m, g, e, r, s, o);
  }

  private static final List<String> OKX_FIELDS = List.of("demo", "confirm_live", "api_key", "secret_key", "passphrase", "clear_keys");

  /**
   * The OKX group takes write-only keys: {@code api_key}, {@code secret_key} and {@code passphrase} together (sealed at
   * once, never stored or shown in the clear), or {@code clear_keys} to go back to the environment's keys and flag. OKX
   * keys belong to one environment, so a change of {@code demo} needs the keys of the other one; going live needs
   * {@code "confirm_live": "LIVE"} in the same change.
   */
  private OkxRuntimeSettings nextOkx(JsonNode section, List<SettingsDocument.Change<?>> changes) {
    OkxRuntimeSettings current = okx.current();
    if (section.isMissingNode()) {
      return current;
    }
    if (!section.isObject()) {
      throw new IllegalArgumentException("okx: must be an object of fields " + OKX_FIELDS);
    }
    for (String field : section.propertyNames()) {
      if (!OKX_FIELDS.contains(field)) {
        throw new IllegalArgumentException("okx." + field + ": not an OKX setting; the fields are " + OKX_FIELDS);
      }
    }
    List<String> given = java.util.stream.Stream.of("api_key", "secret_key", "passphrase")
        .filter(f -> section.hasNonNull(f) && !section.get(f).asString("").isBlank()).toList();
    if (!given.isEmpty() && given.size() < 3) {
      throw new IllegalArgumentException("okx: give api_key, secret_key and passphrase together (only " + given + " were given)");
    }
    boolean newKeys = given.size() == 3;
    boolean clear = section.path("clear_keys").asBoolean(false);
    if (clear && newKeys) {
      throw new IllegalArgumentException("okx: clear_keys and new keys in one change contradict each other");
    }
    if (section.has("demo") && !section.get("demo").isBoolean()) {
      throw new IllegalArgumentException("okx.demo: must be true (demo trading) or false (live trading)");
    }
    boolean demo = clear ? environmentDemo : section.path("demo").asBoolean(current.demo());
    if (demo != current.demo() && !newKeys && !clear) {
      throw new IllegalArgumentException("okx.demo: OKX demo and live trading use different API keys; give api_key, secret_key and passphrase of the "
          + (demo ? "demo" : "live") + " account in the same change (or clear_keys to go back to the environment's set-up)");
    }
    if (!demo && current.demo() && !"LIVE".equals(section.path("confirm_live").asString(""))) {
      throw new IllegalArgumentException("okx.confirm_live: switching to live trading with real money needs \"confirm_live\": \"LIVE\" in the same change");
    }
    int unsettled = newKeys || clear || demo != current.demo() ? unresolvedOrders.getAsInt() : 0;
    if (unsettled > 0) {
      // they are settled by client order id on the account that got them; on another account they would look never sent
      throw new IllegalArgumentException("okx: " + unsettled + " order(s) are still being settled on the current OKX account; switch accounts once"
          + " the reconciler has settled them (within a minute or two)");
    }
    Optional<OkxRuntimeSettings.SealedKeys> keys = clear ? Optional.empty() : current.keys();
    if (newKeys) {
      keys = Optional.of(new OkxRuntimeSettings.SealedKeys(seal(section, "api_key"), seal(section, "secret_key"), seal(section, "passphrase")));
    }
    OkxRuntimeSettings next = new OkxRuntimeSettings(demo, keys);
    changes.add(new SettingsDocument.Change<>(okx, next));
    return next;
  }

  private String seal(JsonNode section, String field) {
    return vault.seal(Secret.of(section.get(field).asString().strip()));
  }

  /** The group's value after the patch: its section merged over the saved document, read back through the record. */
  private <T> T next(JsonNode patch, SettingsDocument<T> doc, BiFunction<String, T, T> read, List<SettingsDocument.Change<?>> changes) {
    JsonNode section = patch.path(doc.name());
    if (section.isMissingNode()) {
      return doc.current();
    }
    if (!section.isObject()) {
      throw new IllegalArgumentException(doc.name() + ": must be an object of fields");
    }
    ObjectNode merged = (ObjectNode) JSON.readTree(doc.json());
    merged.setAll((ObjectNode) section);
    T value;
    try {
      value = read.apply(merged.toString(), doc.current());
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new IllegalArgumentException(path(doc.name(), e.getMessage()) + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(doc.name() + ": a field has the wrong type (" + e.getMessage() + ")", e);
    }
    changes.add(new SettingsDocument.Change<>(doc, value));
    return value;
  }

  /** "guardrails.max_leverage" when the record's message starts with the field's name, else the group. */
  private static String path(String group, String message) {
    String first = message == null ? "" : message.split("[ :]", 2)[0];
    return first.matches("[a-z]+(_[a-z]+)+") ? group + "." + first : group;
  }

  private void checkPairs(MarketRuntimeSettings next) {
    List<String> added = next.tradingPairs().stream().filter(p -> !market.current().tradingPairs().contains(p)).toList();
    if (added.isEmpty()) {
      return;
    }
    Predicate<String> listed = instruments.listed().orElseThrow(() -> new IllegalArgumentException(
        "market.trading_pairs: the OKX instrument list is not loaded yet, so " + added + " cannot be checked; try again once OKX is reachable"));
    List<String> unknown = added.stream().filter(listed.negate()).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("market.trading_pairs: " + unknown + " " + (unknown.size() == 1 ? "is" : "are")
          + " not among OKX's SWAP instruments");
    }
  }

  private void checkReasoning(ReasoningSettings r) {
    r.responseSchemaOverride().filter(x -> !x.isBlank()).ifPresent(x -> {
      if (ResponseSchema.check(x) instanceof SchemaCheck.Unusable(String reason)) {
        throw new IllegalArgumentException("reasoning.response_schema_override: " + reason);
      }
    });
    r.activeVersion().filter(versionExists.negate())
        .ifPresent(id -> { throw new IllegalArgumentException("reasoning.active_version: prompt version " + id + " does not exist"); });
    r.abSplit().ifPresent(ab -> {
      if (ab.versionA().equals(ab.versionB())) {
        throw new IllegalArgumentException("reasoning.ab_split: needs two different versions");
      }
      for (UUID id : List.of(ab.versionA(), ab.versionB())) {
        if (!versionExists.test(id)) {
          throw new IllegalArgumentException("reasoning.ab_split: prompt version " + id + " does not exist");
        }
      }
    });
  }

  private void checkScheduler(SchedulerSettings next) {
    if (next.enabled() && !scheduler.current().enabled()) {
      Optional<RiskLock> lock = locks.all().stream().filter(RiskLock::locked).findFirst();
      if (lock.isPresent()) {
        throw new ReasoningException(ReasoningException.Kind.RISK_LOCKED, "scheduler.enabled: the scheduler stays off while the "
            + lock.get().key() + " lock is on: reset or release the lock first");
      }
    }
  }

  private List<SettingsDocument<?>> documents() {
    return List.of(market, guardrails, execution, reasoning, scheduler, okx);
  }
}
