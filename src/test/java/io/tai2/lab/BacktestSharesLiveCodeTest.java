package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A backtest is only worth something if it runs the code that trades: the guardrails (with the sizing inside them) the
 * live path calls, and the fill model the simulator's exchange uses. This pins who calls what, so a "simplified" copy
 * for speed would fail here.
 */
class BacktestSharesLiveCodeTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tai2");

  private static Set<String> calledMethods(String caller) {
    JavaClass c = CLASSES.get(caller);
    return c.getMethodCallsFromSelf().stream()
        .map(call -> call.getTargetOwner().getName() + "." + call.getName())
        .collect(Collectors.toSet());
  }

  private static Set<String> usedClasses(String packagePrefix) {
    return CLASSES.stream()
        .filter(c -> c.getPackageName().startsWith(packagePrefix))
        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
        .map(d -> d.getTargetClass().getName())
        .collect(Collectors.toSet());
  }

  @Test
  void
      givenTheLiveAndTheBacktestPaths_whenTheirCallsAreRead_thenBothJudgeDecisionsWithTheSameGuardrails() {
    assertThat(calledMethods("io.tai2.execution.DecisionExecution"))
        .contains("io.tai2.execution.Guardrails.evaluate");
    assertThat(calledMethods("io.tai2.lab.Backtest"))
        .contains("io.tai2.execution.Guardrails.evaluate", "io.tai2.execution.DailyLossRule.next");
  }

  @Test
  void
      givenTheSimulatorAndTheBacktest_whenTheirDependenciesAreRead_thenBothFillThroughTheSharedModel() {
    assertThat(usedClasses("io.tai2.sim"))
        .contains(
            "io.tai2.fills.ExitLevels", "io.tai2.fills.PathBar", "io.tai2.fills.PositionMath");
    assertThat(calledMethods("io.tai2.fills.PaperAccount"))
        .contains(
            "io.tai2.fills.ExitLevels.within",
            "io.tai2.fills.PositionMath.fee",
            "io.tai2.fills.PositionMath.funding",
            "io.tai2.fills.PositionMath.liquidationPrice");
    assertThat(usedClasses("io.tai2.lab"))
        .contains("io.tai2.fills.PaperAccount", "io.tai2.market.HistoricalMarket");
  }

  @Test
  void givenTheLab_whenItsDependenciesAreRead_thenItNeverReachesTheOrderPath() {
    assertThat(usedClasses("io.tai2.lab"))
        .noneMatch(
            name ->
                name.startsWith("io.tai2.okx.OkxTrading")
                    || name.equals("io.tai2.execution.OrderExecutor")
                    || name.equals("io.tai2.execution.DecisionExecution"));
  }
}
