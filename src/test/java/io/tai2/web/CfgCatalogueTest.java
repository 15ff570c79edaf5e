package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsRanges;
import io.tai2.config.TradingAccountGate;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketSettings;
import io.tai2.settings.RuntimeSettingsService;
import io.tai2.testsupport.SettingsGroupsFixture;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CFG catalogue against the real settings service: every setting CFG shows has a label, help, unit and default, and
 * the range each input offers is exactly the one the server accepts (its ends pass, one step beyond is refused).
 */
class CfgCatalogueTest {

  static final TestDatabase DB = TestDatabase.h2();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  static final UUID V1 = UUID.fromString("11111111-1111-4111-8111-111111111111");
  static final UUID V2 = UUID.fromString("22222222-2222-4222-8222-222222222222");
  static final String BTC = "BTC-USDT-SWAP";

  RuntimeSettingsService service;

  @BeforeEach
  void fresh() {
    DB.jdbc().sql("DELETE FROM settings").update();
    DB.jdbc().sql("DELETE FROM settings_audit").update();
    SettingsRepository repo = new SettingsRepository(DB.jdbc(), DB.tx());
    MarketRuntimeSettings m =
        new MarketRuntimeSettings(List.of(BTC), Duration.ofSeconds(5), true, 24);
    GuardrailSettings g = GuardrailSettings.defaults(Duration.ofSeconds(900));
    ExecutionSettings e = ExecutionSettings.defaults();
    SchedulerSettings s = SchedulerSettings.defaults();
    OkxRuntimeSettings o = new OkxRuntimeSettings(true, Optional.empty());
    service =
        new RuntimeSettingsService(
            SettingsGroupsFixture.defaults(repo, CLOCK, List.of(BTC), List.of()),
            new SecretVault(Optional.of(Secret.of("catalogue-test-secret-key"))),
            true,
            repo,
            new RiskLockRepository(DB.jdbc(), DB.tx()),
            new RuntimeSettingsService.Checks(
                () -> Optional.of((Predicate<String>) Set.of(BTC, "ETH-USDT-SWAP")::contains),
                Set.of(V1, V2)::contains,
                () -> 0,
                Optional::empty,
                MarketSettings.defaults()::timeframes,
                TradingAccountGate.OPEN));
  }

  /** The settings with every map, list and optional editor filled, so every shape a setting can take is in the JSON. */
  private JsonNode everyShape() {
    service.update(
        Json.parse(
            """
        {"guardrails":{"symbol_position_caps":{"BTC-USDT-SWAP":0.1}},
         "execution":{"min_contracts":{"BTC-USDT-SWAP":2},"isolated_seed":{"symbol_usdt":{"BTC-USDT-SWAP":50},"symbol_pct":{"BTC-USDT-SWAP":0.1}}},
         "reasoning":{"active_version":"%s","ab_split":{"version_a":"%s","version_b":"%s","mode":"by_cycle"},"challenger_version":"%s",
           "shadows":[{"model":"openai/gpt-4o-mini","prompt_version_id":"%s"}],"response_schema_override":null}}
        """
                .formatted(V1, V1, V2, V2, V2)),
        "test");
    return service.json();
  }

  private static List<String> cfgPaths(JsonNode all) {
    return CfgController.GROUPS.stream()
        .flatMap(g -> CfgFields.leaves(all.path(g.name()), g.name()).stream())
        .toList();
  }

  @Test
  void givenEverySettingCfgShows_whenLookedUpInTheCatalogue_thenEachHasAnEntry() {
    List<String> paths = cfgPaths(everyShape());

    assertThat(paths)
        .as("the walk finds the nested and per-symbol settings")
        .contains(
            "execution.isolated_seed.usdt",
            "guardrails.symbol_position_caps.BTC-USDT-SWAP",
            "reasoning.ab_split.mode");
    assertThat(paths.stream().filter(p -> !CfgFields.covered(p)).toList())
        .as("settings without a catalogue entry (add a label, help and unit to CfgCatalogue)")
        .isEmpty();
  }

  @Test
  void
      givenTheCatalogue_whenComparedWithTheSettings_thenEveryEntryIsASettingWithLabelHelpAndUnit() {
    JsonNode all = everyShape();
    for (CfgCatalogue.Entry e : CfgCatalogue.ENTRIES) {
      assertThat(all.at("/" + e.path().replace('.', '/')).isMissingNode())
          .as("%s is a saved setting", e.path())
          .isFalse();
      assertThat(CfgController.GROUPS.stream().map(CfgFields.Group::name))
          .as("%s is in a group CFG shows", e.path())
          .contains(e.group());
      assertThat(e.label()).as(e.path()).isNotBlank().doesNotContain("_");
      assertThat(e.help()).as(e.path()).isNotBlank();
      if (e.kind() == CfgCatalogue.Kind.NUMBER || e.kind() == CfgCatalogue.Kind.SYMBOL_MAP) {
        assertThat(e.unit()).as("%s has a unit", e.path()).isNotBlank();
        assertThat(e.range()).as("%s has the server's range", e.path()).isPresent();
        SettingsRanges.Range r = e.range().get();
        boolean share = r.min().signum() == 0 && r.max().compareTo(BigDecimal.ONE) == 0;
        assertThat(e.shift())
            .as("%s: a share is shown as a percentage", e.path())
            .isEqualTo(share ? CfgCatalogue.PERCENT : 0);
        assertThat(e.unit().startsWith("%")).as("%s: the unit says %%", e.path()).isEqualTo(share);
      }
    }
    List<String> ranged =
        CfgCatalogue.ENTRIES.stream()
            .flatMap(
                e ->
                    e.range().stream()
                        .map(
                            r ->
                                e.kind() == CfgCatalogue.Kind.SYMBOL_MAP
                                    ? e.path() + "." + SettingsRanges.ANY_SYMBOL
                                    : e.path()))
            .toList();
    assertThat(ranged)
        .as("every bounded setting has an input")
        .containsExactlyInAnyOrderElementsOf(SettingsRanges.all().keySet());
  }

  @Test
  void givenTheDefaults_whenCfgBuildsItsFields_thenEveryFieldButTheActiveVersionCanBeReset() {
    List<CfgFields.Field> fields =
        CfgFields.sections(CfgController.GROUPS, everyShape(), service.defaultsJson()).stream()
            .flatMap(s -> Stream.concat(s.fields().stream(), s.risky().stream()))
            .toList();

    assertThat(fields)
        .extracting(CfgFields.Field::path)
        .containsExactlyInAnyOrderElementsOf(
            CfgCatalogue.ENTRIES.stream().map(CfgCatalogue.Entry::path).toList());
    assertThat(fields.stream().filter(f -> f.defaultValue() == null).map(CfgFields.Field::path))
        .containsExactly("reasoning.active_version");
    CfgFields.Field share =
        fields.stream()
            .filter(f -> f.path().equals("guardrails.daily_loss_limit_pct"))
            .findFirst()
            .orElseThrow();
    assertThat(share.defaultValue()).as("stored form; the page shows 3 %%").isEqualTo("0.03");
    assertThat(share.shift()).isEqualTo(2);
    assertThat(share.risky()).isTrue();
    CfgFields.Field caps =
        fields.stream()
            .filter(f -> f.path().equals("guardrails.symbol_position_caps"))
            .findFirst()
            .orElseThrow();
    assertThat(caps.value()).isEqualTo("{\"BTC-USDT-SWAP\":0.1}");
    assertThat(caps.defaultValue()).isEqualTo("{}");
    assertThat(List.of(caps.min(), caps.max(), caps.step()))
        .as("above 0, at most 1, 6 decimals")
        .containsExactly("0.000001", "1", "0.000001");
    assertThat(
            fields.stream()
                .filter(f -> f.path().equals("market.trading_pairs"))
                .findFirst()
                .orElseThrow()
                .defaultValue())
        .as("the environment's pairs")
        .isEqualTo("[\"BTC-USDT-SWAP\"]");
  }

  @Test
  void
      givenEachBoundedSetting_whenItsEndsAndOneStepBeyondAreChecked_thenTheServerAcceptsExactlyTheRangeThePageOffers() {
    List<String> checked = new ArrayList<>();
    for (CfgCatalogue.Entry e : CfgCatalogue.ENTRIES) {
      if (e.range().isEmpty()) {
        continue;
      }
      SettingsRanges.Range r = e.range().get();
      BigDecimal lowest = r.aboveMin() ? r.min().add(r.step()) : r.min();
      String path = e.kind() == CfgCatalogue.Kind.SYMBOL_MAP ? e.path() + "." + BTC : e.path();
      assertThat(refusals(path, lowest)).as("%s at its lowest %s", path, lowest).isEmpty();
      assertThat(refusals(path, r.max())).as("%s at its highest %s", path, r.max()).isEmpty();
      assertThat(refusals(path, r.max().add(r.step())))
          .as("%s above its range", path)
          .contains(path);
      assertThat(refusals(path, lowest.subtract(r.step())))
          .as("%s below its range", path)
          .contains(path);
      if (!r.whole()) {
        assertThat(refusals(path, r.max().subtract(r.step().movePointLeft(1))))
            .as("%s with a decimal too many", path)
            .contains(path);
      }
      checked.add(path);
    }
    assertThat(checked).hasSize(SettingsRanges.all().size());
  }

  /** The paths a change of {@code path} to {@code value} is refused at; checked only, never saved. */
  private List<String> refusals(String path, BigDecimal value) {
    String[] parts = path.split("\\.");
    ObjectNode patch = Json.MAPPER.createObjectNode();
    ObjectNode at = patch.putObject(parts[0]);
    if (parts[0].equals(
        "guardrails")) { // leave room for the field's own range: no other leverage or cap rule in
      // the way
      at.put("min_leverage", 0).put("max_leverage", 125).put("max_position_pct", 1);
    }
    for (int i = 1; i < parts.length - 1; i++) {
      at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    if (SettingsRanges.find(path).map(SettingsRanges.Range::whole).orElse(false)) {
      at.put(leaf, value.longValueExact());
    } else {
      at.put(leaf, value);
    }
    try {
      service.update(
          patch,
          "test",
          (before, after) -> {
            throw new Checked();
          });
      throw new AssertionError("the approval was not asked for " + patch);
    } catch (Checked passed) {
      return List.of();
    } catch (InvalidSettingsChangeException refused) {
      return refused.errors().stream().map(FieldError::path).toList();
    }
  }

  /** Thrown by the approval: the change passed every check and is not saved. */
  private static final class Checked extends RuntimeException {}
}
