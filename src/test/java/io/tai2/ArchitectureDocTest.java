package io.tai2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the table "module → allowed direct dependencies" in {@code docs/ARCHITECTURE.md} true: it lists every module
 * Spring Modulith finds, and each module's direct dependencies in the code are exactly the ones the table names.
 */
class ArchitectureDocTest {

  private static final Path DOC = Path.of("docs", "ARCHITECTURE.md");

  /** The heading of the section that holds the table; the first Markdown table after it is parsed. */
  private static final String SECTION = "## Module dependencies";

  private static final Pattern NAME = Pattern.compile("`([a-z]+)`");

  private final ApplicationModules modules = ApplicationModules.of(Tai2Application.class);

  @Test
  void givenTheArchitectureDoc_whenItsTableIsRead_thenItListsEveryModuleAndNoOther()
      throws IOException {
    assertThat(documented().keySet())
        .as("modules in the table of %s (section '%s')", DOC, SECTION)
        .containsExactlyInAnyOrderElementsOf(actual().keySet());
  }

  @Test
  void
      givenTheArchitectureDoc_whenEachModuleIsInspected_thenItsDirectDependenciesAreTheDocumentedOnes()
          throws IOException {
    Map<String, Set<String>> documented = documented();
    Map<String, Set<String>> actual = actual();
    List<String> wrong = new ArrayList<>();
    actual.forEach(
        (module, uses) -> {
          Set<String> allowed = documented.getOrDefault(module, Set.of());
          if (!allowed.containsAll(uses)) {
            Set<String> extra = new TreeSet<>(uses);
            extra.removeAll(allowed);
            wrong.add(
                module
                    + " uses "
                    + extra
                    + ", which the table does not allow (it allows "
                    + allowed
                    + ")");
          }
          if (!uses.containsAll(allowed)) {
            Set<String> stale = new TreeSet<>(allowed);
            stale.removeAll(uses);
            wrong.add(
                module
                    + " no longer uses "
                    + stale
                    + ": take them out of the table (it uses "
                    + uses
                    + ")");
          }
        });
    assertThat(wrong).as("%s, section '%s', against the code", DOC, SECTION).isEmpty();
  }

  /** Each module's direct dependencies as Spring Modulith sees them (the same view as {@link ModuleBoundariesTest}). */
  private Map<String, Set<String>> actual() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (ApplicationModule module : modules) {
      out.put(
          module.getIdentifier().toString(),
          module
              .getDirectDependencies(modules)
              .uniqueModules()
              .map(m -> m.getIdentifier().toString())
              .collect(TreeSet::new, Set::add, Set::addAll));
    }
    return out;
  }

  /**
   * The table's rows: the first column names the module, the last its allowed direct dependencies (backticked names, or
   * "—" for none).
   */
  static Map<String, Set<String>> documented() throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int start = lines.indexOf(SECTION);
    assertThat(start).as("%s has a section '%s'", DOC, SECTION).isNotNegative();
    Map<String, Set<String>> rows = new TreeMap<>();
    boolean inTable = false;
    for (String line : lines.subList(start + 1, lines.size())) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      List<String> cells = List.of(trimmed.substring(1, trimmed.length() - 1).split("\\|", -1));
      Matcher module = NAME.matcher(cells.getFirst());
      if (!module.find()) {
        continue; // the header row and the separator row
      }
      Set<String> allowed = new TreeSet<>();
      Matcher dependency = NAME.matcher(cells.getLast());
      while (dependency.find()) {
        allowed.add(dependency.group(1));
      }
      assertThat(rows.put(module.group(1), allowed))
          .as("module %s listed twice in %s", module.group(1), DOC)
          .isNull();
    }
    assertThat(rows).as("rows of the table under '%s' in %s", SECTION, DOC).isNotEmpty();
    return rows;
  }
}
