package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a packaged {@code tai2} command-line tool: its exit code, standard output and standard error. */
record Run(int exit, String out, String err) {

  /**
   * Runs {@code tai2 <command> <args>} in {@code workDir} as an operator would, with no database or LLM variables
   * inherited from the test's environment, only those in {@code env}; fails the test after 180 s.
   */
  static Run tai2(Path workDir, Map<String, String> env, String command, String... args)
      throws Exception {
    List<String> line =
        new ArrayList<>(
            List.of(Processes.java(), "-jar", Processes.JAR.toAbsolutePath().toString(), command));
    line.addAll(List.of(args));
    Path out = workDir.resolve("out.txt");
    Path err = workDir.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(line)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("DATABASE_URL");
    pb.environment().remove("OPENROUTER_API_KEY");
    pb.environment().remove("OPENROUTER_BASE_URL");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("tai2 " + command + " finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
