package io.tai2.settings;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.FieldError;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsGroup;
import io.tai2.config.SettingsPatches;
import io.tai2.config.SettingsRules;
import io.tai2.config.StrictJson;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.ReasoningException;
import io.tai2.reasoning.ReasoningPatch;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.util.function.BooleanSupplier;

/**
 * Reads and changes every runtime setting as one whole. A change names the groups and fields it changes (the rest keep
 * their values); each group is read strictly into its typed change record and checked in one place
 * ({@link SettingsRules}, {@link ReasoningPatch}), then across groups (pairs that OKX lists, symbols that are listed or
 * tracked, no scheduler while a risk lock is on), every refused field reported with its JSON path; then every changed
 * group is saved in one transaction with one audit entry and made current, and its listeners rehydrate the running
 * services. An invalid change saves nothing. Groups a feature module owns ({@link SettingsGroup}, e.g. {@code notify}) take
 * part the same way: listed, checked with the others, saved in the same transaction.
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
  private final java.util.function.Supplier<Optional<Set<String>>> models;
  private final java.util.function.Supplier<List<String>> timeframes;
  private final List<SettingsGroup> extra;

  /**
   * Which swaps OKX lists; {@link Optional#empty()} while the instrument list is not known. {@code models} is the LLM
   * endpoint's model ids, empty when they cannot be listed (a new model is then taken on trust). {@code timeframes} are
   * the ones the market engine computes (the only ones {@code reasoning.timeframe} may name).
   */
  @FunctionalInterface
  public interface Instruments {
    Optional<Predicate<String>> listed();
  }

  public RuntimeSettingsService(SettingsDocument<MarketRuntimeSettings> market, SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution, ReasoningSettingsStore reasoning, SettingsDocument<SchedulerSettings> scheduler,
      SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault, boolean environmentDemo,
      SettingsRepository repository, RiskLockRepository locks, Instruments instruments, Predicate<UUID> versionExists,
      java.util.function.IntSupplier unresolvedOrders, java.util.function.Supplier<Optional<Set<String>>> models,
      java.util.function.Supplier<List<String>> timeframes) {
    this(market, guardrails, execution, reasoning, scheduler, okx, vault, environmentDemo, repository, locks, instruments, versionExists,
        unresolvedOrders, models, timeframes, List.of());
  }

  /** As above, with the groups feature modules own ({@code extra}), after the built-in ones. */
  public RuntimeSettingsService(SettingsDocument<MarketRuntimeSettings> market, SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution, ReasoningSettingsStore reasoning, SettingsDocument<SchedulerSettings> scheduler,
      SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault, boolean environmentDemo,
      SettingsRepository repository, RiskLockRepository locks, Instruments instruments, Predicate<UUID> versionExists,
      java.util.function.IntSupplier unresolvedOrders, java.util.function.Supplier<Optional<Set<String>>> models,
      java.util.function.Supplier<List<String>> timeframes, List<SettingsGroup> extra) {
    this.extra = List.copyOf(extra);
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
    this.models = models;
    this.timeframes = timeframes;
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

  /** Approves a valid change just before it is saved (e.g. asks for the password again for a risky one) by throwing. */
  @FunctionalInterface
  public interface Approval {
    Approval NONE = (before, after) -> {};

    void check(RuntimeSettings before, RuntimeSettings after);

    /** As above, with the risky phrases of the changed {@link SettingsGroup}s; an approval that asks for a password sees them here. */
    default void check(RuntimeSettings before, RuntimeSettings after, List<String> groupRisks) {
      check(before, after);
    }
  }

  /** {@link #update(JsonNode, String, Approval)} of a request body read strictly ({@link StrictJson#parse}). */
  public RuntimeSettings update(String body, String actor, Approval approval) {
    return update(StrictJson.parse(body), actor, approval);
  }

  public RuntimeSettings update(JsonNode patch, String actor) {
    return update(patch, actor, Approval.NONE);
  }

  /**
   * Applies {@code patch} ({@code {"market":{…},"guardrails":{…},…}}, each group partial) as one change: every group is
   * read strictly and checked, all refused fields are reported together, then {@code approval} sees the whole change
   * before it is saved.
   *
   * @throws InvalidSettingsChangeException naming every refused field (nothing is saved)
   * @throws ReasoningException {@code RISK_LOCKED} when the scheduler would be switched on under a risk lock
   * @throws ConcurrentModificationException when another change was saved while this one was checked (nothing saved)
   */
  public RuntimeSettings update(JsonNode patch, String actor, Approval approval) {
    if (!patch.isObject()) {
      throw new InvalidSettingsChangeException("", "settings must be a JSON object such as {\"guardrails\":{\"max_leverage\":3}}");
    }
    RuntimeSettings before = current();
    List<String> groups = documents().stream().map(SettingsDocument::name).toList();
    List<FieldError> errors = new ArrayList<>();
    for (String name : patch.propertyNames()) {
      if (!groups.contains(name)) {
        errors.add(new FieldError(name, "not a settings group; the groups are " + groups));
      }
    }
    InvalidSettingsChangeException.throwIfAny(errors);
    SettingsPatches.Market mp = bind(patch, market, SettingsPatches.Market.class, errors);
    SettingsPatches.Guardrails gp = bind(patch, guardrails, SettingsPatches.Guardrails.class, errors);
    SettingsPatches.Execution ep = bind(patch, execution, SettingsPatches.Execution.class, errors);
    SettingsPatches.Scheduler sp = bind(patch, scheduler, SettingsPatches.Scheduler.class, errors);
    ReasoningPatch.Change rp = section(patch, reasoning, errors, ReasoningPatch.Change::of);
    OkxPatch op = bind(patch, okx, OkxPatch.class, errors);
    InvalidSettingsChangeException.throwIfAny(errors);
    List<Object> extraBefore = extra.stream().<Object>map(g -> g.document().current()).toList();

    List<SettingsDocument.Change<?>> changes = new ArrayList<>();
    MarketRuntimeSettings m = before.market();
    if (mp != null) {
      errors.addAll(SettingsRules.market(mp));
      if (errors.isEmpty()) {
        m = build(market, () -> mp.applyTo(before.market()), changes, errors);
        if (m != null) {
          checkPairs(m, errors);
        }
      }
    }
    List<String> tracked = m == null ? before.market().tradingPairs() : m.tradingPairs();
    Optional<Predicate<String>> listed = instruments.listed();
    Predicate<String> knownSymbol = symbol -> tracked.contains(symbol) || listed.map(l -> l.test(symbol)).orElse(false);
    GuardrailSettings g = gp == null ? before.guardrails()
        : checked(guardrails, SettingsRules.guardrails(gp, before.guardrails(), knownSymbol), () -> gp.applyTo(before.guardrails()), changes, errors);
    ExecutionSettings e = ep == null ? before.execution()
        : checked(execution, SettingsRules.execution(ep, before.execution(), knownSymbol), () -> ep.applyTo(before.execution()), changes, errors);
    SchedulerSettings s = sp == null ? before.scheduler()
        : checked(scheduler, SettingsRules.scheduler(sp), () -> sp.applyTo(before.scheduler()), changes, errors);
    ReasoningSettings r = rp == null ? before.reasoning()
        : checked(reasoning, rp.check(before.reasoning(), versionExists, models, timeframes.get()), () -> rp.applyTo(before.reasoning()), changes, errors);
    OkxRuntimeSettings o = op == null ? before.okx() : nextOkx(op, changes, errors);
    List<String> groupRisks = new ArrayList<>();
    for (SettingsGroup group : extra) {
      JsonNode section = patch.get(group.document().name());
      if (section != null) {
        group.propose(section, errors).ifPresent(p -> {
          changes.add(p.change());
          groupRisks.addAll(p.risky());
        });
      }
    }
    InvalidSettingsChangeException.throwIfAny(errors);
    checkScheduler(s);
    RuntimeSettings after = new RuntimeSettings(m, g, e, r, s, o);
    approval.check(before, after, groupRisks);
    BooleanSupplier unchanged = () -> current().equals(before)
        && extra.stream().<Object>map(x -> x.document().current()).toList().equals(extraBefore);
    if (!SettingsDocument.saveTogetherIf(unchanged, actor, changes)) {
      throw new ConcurrentModificationException("the settings changed while this change was being checked; nothing was saved — reload and try again");
    }
    return after;
  }

  /** The group's section read strictly as {@code type}; {@code null} when the patch leaves the group out. */
  private static <P> P bind(JsonNode patch, SettingsDocument<?> doc, Class<P> type, List<FieldError> errors) {
    return section(patch, doc, errors, section -> StrictJson.bind(section, type, doc.name()));
  }

  private static <P> P section(JsonNode patch, SettingsDocument<?> doc, List<FieldError> errors, java.util.function.Function<JsonNode, P> read) {
    JsonNode section = patch.get(doc.name());
    if (section == null) {
      return null;
    }
    try {
      return read.apply(section);
    } catch (InvalidSettingsChangeException x) {
      errors.addAll(x.errors());
      return null;
    }
  }

  /** The group's new value when {@code found} is empty (and nothing was refused before), else {@code null}. */
  private static <T> T checked(SettingsDocument<T> doc, List<FieldError> found, java.util.function.Supplier<T> value,
      List<SettingsDocument.Change<?>> changes, List<FieldError> errors) {
    errors.addAll(found);
    return found.isEmpty() ? build(doc, value, changes, errors) : null;
  }

  private static <T> T build(SettingsDocument<T> doc, java.util.function.Supplier<T> value, List<SettingsDocument.Change<?>> changes,
      List<FieldError> errors) {
    try {
      T next = value.get();
      changes.add(new SettingsDocument.Change<>(doc, next));
      return next;
    } catch (IllegalArgumentException | IllegalStateException x) { // a record's own invariant the rules did not foresee
      errors.add(new FieldError(doc.name(), String.valueOf(x.getMessage())));
      return null;
    }
  }

  /** The OKX group as sent: write-only keys, the environment flag and the live confirmation. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OkxPatch(Boolean demo, String confirmLive, String apiKey, String secretKey, String passphrase, Boolean clearKeys) {}

  private static final int MAX_KEY_LENGTH = 512;

  /**
   * The OKX group takes write-only keys: {@code api_key}, {@code secret_key} and {@code passphrase} together (sealed at
   * once, never stored or shown in the clear), or {@code clear_keys} to go back to the environment's keys and flag. OKX
   * keys belong to one environment, so a change of {@code demo} needs the keys of the other one; going live needs
   * {@code "confirm_live": "LIVE"} in the same change.
   */
  private OkxRuntimeSettings nextOkx(OkxPatch p, List<SettingsDocument.Change<?>> changes, List<FieldError> errors) {
    OkxRuntimeSettings current = okx.current();
    Map<String, String> keyFields = new LinkedHashMap<>();
    keyFields.put("api_key", p.apiKey());
    keyFields.put("secret_key", p.secretKey());
    keyFields.put("passphrase", p.passphrase());
    for (Map.Entry<String, String> k : keyFields.entrySet()) {
      if (k.getValue() != null && k.getValue().length() > MAX_KEY_LENGTH) {
        errors.add(new FieldError("okx." + k.getKey(), "must be at most " + MAX_KEY_LENGTH + " characters"));
        return null;
      }
    }
    List<String> given = keyFields.entrySet().stream().filter(k -> k.getValue() != null && !k.getValue().isBlank()).map(Map.Entry::getKey).toList();
    if (!given.isEmpty() && given.size() < 3) {
      String missing = keyFields.keySet().stream().filter(k -> !given.contains(k)).findFirst().orElseThrow();
      return refused(errors, "okx." + missing, "give api_key, secret_key and passphrase together (only " + given + " were given)");
    }
    boolean newKeys = given.size() == 3;
    boolean clear = Boolean.TRUE.equals(p.clearKeys());
    if (clear && newKeys) {
      return refused(errors, "okx.clear_keys", "clear_keys and new keys in one change contradict each other");
    }
    boolean demo = clear ? environmentDemo : p.demo() != null ? p.demo() : current.demo();
    if (demo != current.demo() && !newKeys && !clear) {
      return refused(errors, "okx.demo", "OKX demo and live trading use different API keys; give api_key, secret_key and passphrase of the "
          + (demo ? "demo" : "live") + " account in the same change (or clear_keys to go back to the environment's set-up)");
    }
    if (!demo && current.demo() && !"LIVE".equals(p.confirmLive())) {
      return refused(errors, "okx.confirm_live", "switching to live trading with real money needs \"confirm_live\": \"LIVE\" in the same change");
    }
    int unsettled = newKeys || clear || demo != current.demo() ? unresolvedOrders.getAsInt() : 0;
    if (unsettled > 0) {
      // they are settled by client order id on the account that got them; on another account they would look never sent
      return refused(errors, "okx", unsettled + " order(s) are still being settled on the current OKX account; switch accounts once"
          + " the reconciler has settled them (within a minute or two)");
    }
    if (!errors.isEmpty()) {
      return null; // nothing is sealed for a change refused elsewhere
    }
    Optional<OkxRuntimeSettings.SealedKeys> keys = clear ? Optional.empty() : current.keys();
    if (newKeys) {
      keys = Optional.of(new OkxRuntimeSettings.SealedKeys(seal(p.apiKey()), seal(p.secretKey()), seal(p.passphrase())));
    }
    OkxRuntimeSettings next = new OkxRuntimeSettings(demo, keys);
    changes.add(new SettingsDocument.Change<>(okx, next));
    return next;
  }

  private static <T> T refused(List<FieldError> errors, String path, String message) {
    errors.add(new FieldError(path, message));
    return null;
  }

  private String seal(String key) {
    return vault.seal(Secret.of(key.strip()));
  }

  private void checkPairs(MarketRuntimeSettings next, List<FieldError> errors) {
    List<String> added = next.tradingPairs().stream().filter(p -> !market.current().tradingPairs().contains(p)).toList();
    if (added.isEmpty()) {
      return;
    }
    Optional<Predicate<String>> listed = instruments.listed();
    if (listed.isEmpty()) {
      errors.add(new FieldError("market.trading_pairs", "the OKX instrument list is not loaded yet, so " + added
          + " cannot be checked; try again once OKX is reachable"));
      return;
    }
    List<String> unknown = added.stream().filter(listed.get().negate()).toList();
    if (!unknown.isEmpty()) {
      errors.add(new FieldError("market.trading_pairs", unknown + " " + (unknown.size() == 1 ? "is" : "are") + " not among OKX's SWAP instruments"));
    }
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
    List<SettingsDocument<?>> all = new ArrayList<>(List.of(market, guardrails, execution, reasoning, scheduler, okx));
    extra.forEach(g -> all.add(g.document()));
    return all;
  }
}
