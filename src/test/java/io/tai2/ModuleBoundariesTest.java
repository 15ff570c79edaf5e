package io.tai2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

class ModuleBoundariesTest {

  private final ApplicationModules modules = ApplicationModules.of(Tai2Application.class);

  @Test
  void
      givenTheCodebase_whenModulesAreVerified_thenNoModuleReachesIntoAnotherOnesInternalsOrCycles() {
    modules.verify();
  }

  @Test
  void givenTheDesign_whenModulesAreListed_thenTheFoundationModulesExist() {
    assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
        .contains(
            "cli",
            "config",
            "evaluation",
            "execution",
            "fills",
            "history",
            "indicators",
            "market",
            "okx",
            "reasoning",
            "sim",
            "state",
            "web");
  }

  @Test
  void givenTheDesign_whenCoreModulesAreInspected_thenTheirDependenciesAreTheDesignedOnes() {
    assertThat(dependencies("history")).isEmpty();
    assertThat(dependencies("indicators")).as("indicator math is pure").isEmpty();
    assertThat(dependencies("evaluation"))
        .as("A/B statistics are pure; only the leaderboard reads the decision log")
        .containsOnly("history");
    assertThat(dependencies("market")).isSubsetOf("config", "okx", "indicators", "retry", "state");
    assertThat(dependencies("okx"))
        .as("the OKX clients share only the backoff formula")
        .containsOnly("retry");
    assertThat(dependencies("retry")).isEmpty();
    assertThat(dependencies("state")).isSubsetOf("config");
    assertThat(dependencies("sim"))
        .as("the simulator knows OKX wire facts only")
        .containsOnly("okx", "fills");
    assertThat(dependencies("reasoning"))
        .as("the LLM client never reaches for the fake LLM")
        .isSubsetOf("config", "state", "history", "indicators", "market", "retry");
    assertThat(dependencies("execution"))
        .as("execution never calls the LLM or the web layer")
        .isSubsetOf("config", "okx", "state", "history", "market", "reasoning", "retry");
  }

  private List<String> dependencies(String name) {
    ApplicationModule module = modules.getModuleByName(name).orElseThrow();
    return module
        .getDirectDependencies(modules)
        .uniqueModules()
        .map(m -> m.getIdentifier().toString())
        .toList();
  }
}
