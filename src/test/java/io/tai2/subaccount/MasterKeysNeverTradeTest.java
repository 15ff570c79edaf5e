package io.tai2.subaccount;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The master keys move money between master and sub-account and must never place an order: pinned on the bytecode, so
 * a shortcut added later fails here (the app test checks the same on the simulator's journal). The master client has no
 * order method and no way to the trading clients; only this module holds one; the order path asks the sub-account check
 * only through the {@code config.TradingAccountGate} port.
 */
class MasterKeysNeverTradeTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tai2");
  static final String MASTER_CLIENT = "io.tai2.okx.OkxMasterAccount";

  /** Everything that decides, sizes, places or reconciles orders, live or on paper. */
  static final List<String> ORDER_PATH =
      List.of(
          "io.tai2.execution",
          "io.tai2.paper",
          "io.tai2.scheduler",
          "io.tai2.reasoning",
          "io.tai2.market",
          "io.tai2.settings",
          "io.tai2.lab");

  private static Set<String> used(JavaClass c) {
    return c.getDirectDependenciesFromSelf().stream()
        .map(d -> d.getTargetClass().getName())
        .collect(Collectors.toSet());
  }

  @Test
  void givenTheMasterClient_whenItsDependenciesAreRead_thenNothingOfTheOrderPathIsAmongThem() {
    Set<String> used =
        CLASSES.stream()
            .filter(
                c ->
                    c.getName().equals(MASTER_CLIENT)
                        || c.getName().startsWith(MASTER_CLIENT + "$"))
            .flatMap(c -> used(c).stream())
            .collect(Collectors.toSet());

    assertThat(used)
        .contains("io.tai2.okx.OkxRestClient")
        .noneMatch(
            name ->
                name.startsWith("io.tai2.okx.OkxTrading")
                    || name.startsWith("io.tai2.okx.OkxConnection")
                    || name.startsWith("io.tai2.okx.OrderRequest")
                    || name.startsWith("io.tai2.okx.OkxFunding")
                    || name.startsWith("io.tai2.okx.AlgoOrder"));
    assertThat(CLASSES.get(MASTER_CLIENT).getMethods())
        .extracting(m -> m.getName())
        .as("what the master keys are for")
        .containsOnly(
            "accountConfig",
            "subAccount",
            "fundingUsdt",
            "tradingUsdt",
            "subAccountTradingUsdt",
            "subAccountFundingUsdt",
            "transfer",
            "transferState",
            "availableUsdt",
            "close",
            "toString");
  }

  @Test
  void
      givenTheOrderPath_whenItsDependenciesAreRead_thenItReachesNeitherTheMasterClientNorThisModule() {
    List<String> offending =
        CLASSES.stream()
            .filter(c -> ORDER_PATH.stream().anyMatch(p -> c.getPackageName().startsWith(p)))
            .flatMap(
                c ->
                    used(c).stream()
                        .filter(
                            name ->
                                name.equals(MASTER_CLIENT)
                                    || name.startsWith("io.tai2.subaccount."))
                        .map(name -> c.getName() + " → " + name))
            .distinct()
            .toList();

    assertThat(offending).isEmpty();
  }

  @Test
  void givenTheWholeService_whenTheMasterClientIsUsed_thenOnlyThisModuleHoldsOne() {
    List<String> holders =
        CLASSES.stream()
            .filter(
                c ->
                    !c.getPackageName().equals("io.tai2.subaccount")
                        && !c.getName().startsWith(MASTER_CLIENT))
            .filter(c -> used(c).contains(MASTER_CLIENT))
            .map(JavaClass::getName)
            .toList();

    assertThat(holders).isEmpty();
  }
}
