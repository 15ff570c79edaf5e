package io.tai2.settings;

import io.tai2.config.DisplaySettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsGroup;
import io.tai2.config.SettingsPatches;
import io.tai2.config.SettingsRules;
import io.tai2.config.StrictJson;
import io.tai2.config.TradingAccountGate;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.ReasoningException;
import io.tai2.reasoning.ReasoningPatch;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
  private final SettingsDocument<DisplaySettings> ui;
  private final List<SettingsGroup> extra;
  private final OkxChange okxChange;
  private final SettingsRepository repository;
  private final RiskLockRepository locks;
  private final Checks checks;

  /** Which swaps OKX lists; {@link Optional#empty()} while the instrument list is not known. */
  @FunctionalInterface
  public interface Instruments {
    Optional<Predicate<String>> listed();
  }

  /**
   * The settings groups, in the order of {@code GET /api/settings}: the built-in ones, then {@code extra}, the groups
   * feature modules own.
   */
  public record Groups(
      SettingsDocument<MarketRuntimeSettings> market,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution,
      ReasoningSettingsStore reasoning,
      SettingsDocument<SchedulerSettings> scheduler,
      SettingsDocument<OkxRuntimeSettings> okx,
      SettingsDocument<DisplaySettings> ui,
      List<SettingsGroup> extra) {}

  /**
   * What a change is checked against beyond the settings themselves.
   *
   * @param instruments which swaps OKX lists (for trading pairs and per-symbol maps)
   * @param versionExists whether a prompt version id is stored
   * @param unresolvedOrders orders whose outcome is not known yet (OKX's environment may not change under them)
   * @param models the LLM endpoint's model ids, empty when they cannot be listed (a new model is then taken on trust)
   * @param timeframes the ones the market engine computes (the only ones {@code reasoning.timeframe} may name)
   * @param tradingAccount whether the declared sub-account matches the keys (live execution stays off while not)
   */
  public record Checks(
      Instruments instruments,
      Predicate<UUID> versionExists,
      IntSupplier unresolvedOrders,
      Supplier<Optional<Set<String>>> models,
      Supplier<List<String>> timeframes,
      TradingAccountGate tradingAccount) {}

  /**
   * @param environmentDemo whether the environment's OKX keys are demo keys (saved keys carry their own flag)
   */
  public RuntimeSettingsService(
      Groups groups,
      SecretVault vault,
      boolean environmentDemo,
      SettingsRepository repository,
      RiskLockRepository locks,
      Checks checks) {
    this.market = groups.market();
    this.guardrails = groups.guardrails();
    this.execution = groups.execution();
    this.reasoning = groups.reasoning().document();
    this.scheduler = groups.scheduler();
    this.okx = groups.okx();
    this.ui = groups.ui();
    this.extra = List.copyOf(groups.extra());
    this.okxChange = new OkxChange(vault, environmentDemo, checks.unresolvedOrders());
    this.repository = repository;
    this.locks = locks;
    this.checks = checks;
  }

  public RuntimeSettings current() {
    return new RuntimeSettings(
        market.current(),
        guardrails.current(),
        execution.current(),
        reasoning.current(),
        scheduler.current(),
        okx.current(),
        ui.current());
  }

  /** Every group as it may be shown, under the group's name: no key, sealed or not, is ever in it. */
  public JsonNode json() {
    ObjectNode all = JSON.createObjectNode();
    for (SettingsDocument<?> doc : documents()) {
      all.set(doc.name(), JSON.readTree(doc.shownJson()));
    }
    return all;
  }

  /** Every group's defaults (the environment's values the first time, else the built-in ones) as they may be shown. */
  public JsonNode defaultsJson() {
    ObjectNode all = JSON.createObjectNode();
    for (SettingsDocument<?> doc : documents()) {
      all.set(doc.name(), JSON.readTree(doc.shownDefaultsJson()));
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
      throw new InvalidSettingsChangeException(
          "", "settings must be a JSON object such as {\"guardrails\":{\"max_leverage\":3}}");
    }
    RuntimeSettings before = current();
    List<Object> extraBefore = extra.stream().<Object>map(g -> g.document().current()).toList();
    List<String> groups = documents().stream().map(SettingsDocument::name).toList();
    List<FieldError> errors = new ArrayList<>();
    for (String name : patch.propertyNames()) {
      if (!groups.contains(name)) {
        errors.add(new FieldError(name, "not a settings group; the groups are " + groups));
      }
    }
    InvalidSettingsChangeException.throwIfAny(errors);
    SettingsPatches.Market mp = bind(patch, market, SettingsPatches.Market.class, errors);
    SettingsPatches.Guardrails gp =
        bind(patch, guardrails, SettingsPatches.Guardrails.class, errors);
    SettingsPatches.Execution ep = bind(patch, execution, SettingsPatches.Execution.class, errors);
    SettingsPatches.Scheduler sp = bind(patch, scheduler, SettingsPatches.Scheduler.class, errors);
    ReasoningPatch.Change rp = section(patch, reasoning, errors, ReasoningPatch.Change::of);
    OkxChange.Patch op = bind(patch, okx, OkxChange.Patch.class, errors);
    SettingsPatches.Display dp = bind(patch, ui, SettingsPatches.Display.class, errors);
    InvalidSettingsChangeException.throwIfAny(errors);

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
    Optional<Predicate<String>> listed = checks.instruments().listed();
    Predicate<String> knownSymbol =
        symbol -> tracked.contains(symbol) || listed.map(l -> l.test(symbol)).orElse(false);
    GuardrailSettings g =
        gp == null
            ? before.guardrails()
            : checked(
                guardrails,
                SettingsRules.guardrails(gp, before.guardrails(), knownSymbol),
                () -> gp.applyTo(before.guardrails()),
                changes,
                errors);
    ExecutionSettings e =
        ep == null
            ? before.execution()
            : checked(
                execution,
                SettingsRules.execution(ep, before.execution(), knownSymbol),
                () -> ep.applyTo(before.execution()),
                changes,
                errors);
    SchedulerSettings s =
        sp == null
            ? before.scheduler()
            : checked(
                scheduler,
                SettingsRules.scheduler(sp),
                () -> sp.applyTo(before.scheduler()),
                changes,
                errors);
    ReasoningSettings r =
        rp == null
            ? before.reasoning()
            : checked(
                reasoning,
                rp.check(
                    before.reasoning(),
                    checks.versionExists(),
                    checks.models(),
                    checks.timeframes().get()),
                () -> rp.applyTo(before.reasoning()),
                changes,
                errors);
    DisplaySettings d =
        dp == null
            ? before.ui()
            : checked(
                ui, SettingsRules.display(dp), () -> dp.applyTo(before.ui()), changes, errors);
    OkxRuntimeSettings o = op == null ? before.okx() : okxChange.next(before.okx(), op, errors);
    if (o != null && op != null) {
      changes.add(new SettingsDocument.Change<>(okx, o));
    }
    List<String> groupRisks = new ArrayList<>();
    for (SettingsGroup group : extra) {
      JsonNode section = patch.get(group.document().name());
      if (section != null) {
        group
            .propose(section, errors)
            .ifPresent(
                p -> {
                  changes.add(p.change());
                  groupRisks.addAll(p.risky());
                });
      }
    }
    InvalidSettingsChangeException.throwIfAny(errors);
    checkScheduler(s);
    checkLiveAccount(before.execution(), e);
    RuntimeSettings after = new RuntimeSettings(m, g, e, r, s, o, d);
    approval.check(before, after, groupRisks);
    BooleanSupplier unchanged =
        () ->
            current().equals(before)
                && extra.stream()
                    .<Object>map(x -> x.document().current())
                    .toList()
                    .equals(extraBefore);
    if (!SettingsDocument.saveTogetherIf(unchanged, actor, changes)) {
      throw new ConcurrentModificationException(
          "the settings changed while this change was being checked; nothing was saved — reload and try again");
    }
    return after;
  }

  /** The group's section read strictly as {@code type}; {@code null} when the patch leaves the group out. */
  private static <P> P bind(
      JsonNode patch, SettingsDocument<?> doc, Class<P> type, List<FieldError> errors) {
    return section(patch, doc, errors, section -> StrictJson.bind(section, type, doc.name()));
  }

  private static <P> P section(
      JsonNode patch,
      SettingsDocument<?> doc,
      List<FieldError> errors,
      Function<JsonNode, P> read) {
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
  private static <T> T checked(
      SettingsDocument<T> doc,
      List<FieldError> found,
      Supplier<T> value,
      List<SettingsDocument.Change<?>> changes,
      List<FieldError> errors) {
    errors.addAll(found);
    return found.isEmpty() ? build(doc, value, changes, errors) : null;
  }

  private static <T> T build(
      SettingsDocument<T> doc,
      Supplier<T> value,
      List<SettingsDocument.Change<?>> changes,
      List<FieldError> errors) {
    try {
      T next = value.get();
      changes.add(new SettingsDocument.Change<>(doc, next));
      return next;
    } catch (IllegalArgumentException
        | IllegalStateException x) { // a record's own invariant the rules did not foresee
      errors.add(new FieldError(doc.name(), String.valueOf(x.getMessage())));
      return null;
    }
  }

  private void checkPairs(MarketRuntimeSettings next, List<FieldError> errors) {
    List<String> added =
        next.tradingPairs().stream()
            .filter(p -> !market.current().tradingPairs().contains(p))
            .toList();
    if (added.isEmpty()) {
      return;
    }
    Optional<Predicate<String>> listed = checks.instruments().listed();
    if (listed.isEmpty()) {
      errors.add(
          new FieldError(
              "market.trading_pairs",
              "the OKX instrument list is not loaded yet, so "
                  + added
                  + " cannot be checked; try again once OKX is reachable"));
      return;
    }
    List<String> unknown = added.stream().filter(listed.get().negate()).toList();
    if (!unknown.isEmpty()) {
      errors.add(
          new FieldError(
              "market.trading_pairs",
              unknown
                  + " "
                  + (unknown.size() == 1 ? "is" : "are")
                  + " not among OKX's SWAP instruments"));
    }
  }

  /**
   * Live execution is not switched on while the declared sub-account does not match the trading keys (or cannot be
   * checked): orders would go to another account than the operator believes. Judged on the account as it is now; a
   * change that also switches accounts is judged again on every entry (execution asks the same gate).
   */
  private void checkLiveAccount(ExecutionSettings before, ExecutionSettings after) {
    if (after != null && after.enabled() && !before.enabled()) {
      checks
          .tradingAccount()
          .refusal()
          .ifPresent(
              why -> {
                throw new InvalidSettingsChangeException(
                    "execution.enabled", "live execution stays off: " + why);
              });
    }
  }

  private void checkScheduler(SchedulerSettings next) {
    if (next.enabled() && !scheduler.current().enabled()) {
      Optional<RiskLock> lock = locks.all().stream().filter(RiskLock::locked).findFirst();
      if (lock.isPresent()) {
        throw new ReasoningException(
            ReasoningException.Kind.RISK_LOCKED,
            "scheduler.enabled: the scheduler stays off while the "
                + lock.get().key()
                + " lock is on: reset or release the lock first");
      }
    }
  }

  private List<SettingsDocument<?>> documents() {
    List<SettingsDocument<?>> all =
        new ArrayList<>(List.of(market, guardrails, execution, reasoning, scheduler, ui, okx));
    extra.forEach(g -> all.add(g.document()));
    return all;
  }
}
