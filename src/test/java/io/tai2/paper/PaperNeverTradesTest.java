package io.tai2.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Paper trading and shadows must have no way to the exchange, and must fill through the backtest's fill model: pinned
 * on the bytecode, so a shortcut added later fails here (the acceptance run checks the same on the simulator's journal).
 */
class PaperNeverTradesTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tai2.paper");

  private static Set<String> used() {
    return CLASSES.stream()
        .filter(c -> c.getPackageName().equals("io.tai2.paper"))
        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
        .map(d -> d.getTargetClass().getName())
        .collect(Collectors.toSet());
  }

  @Test
  void givenThePaperModule_whenItsDependenciesAreRead_thenNothingOfTheOrderPathIsAmongThem() {
    assertThat(used())
        .noneMatch(
            name ->
                name.startsWith("io.tai2.okx.OkxTrading")
                    || name.startsWith("io.tai2.okx.OkxConnection")
                    || name.equals("io.tai2.execution.OrderExecutor")
                    || name.equals("io.tai2.execution.Reconciler")
                    || name.startsWith("io.tai2.sim."));
  }

  @Test
  void givenThePaperModule_whenItsDependenciesAreRead_thenItFillsInTheSharedPaperAccount() {
    assertThat(used()).contains("io.tai2.fills.PaperAccount");
    assertThat(
            CLASSES.get("io.tai2.paper.PaperBook").getMethodCallsFromSelf().stream()
                .map(call -> call.getTargetOwner().getName() + "." + call.getName()))
        .contains(
            "io.tai2.fills.PaperAccount.onPrice",
            "io.tai2.fills.PaperAccount.open",
            "io.tai2.fills.PaperAccount.fund");
  }
}
