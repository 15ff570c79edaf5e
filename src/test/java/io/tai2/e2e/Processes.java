package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Starts the packaged jar as separate processes for the process-level tests (failsafe runs them after {@code package}):
 * Java 25 from this JVM, a free port each, output to {@code target/e2e/<name>.log}; {@link #close()} kills whatever is
 * still running.
 */
final class Processes implements AutoCloseable {

  static final Path JAR = Path.of("target", "tai2.jar");
  static final Path LOGS = Path.of("target", "e2e");

  private final List<Process> started = new ArrayList<>();

  /** The java binary of this JVM (the Java 25 toolchain under failsafe), else the known Temurin 25 path. */
  static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .filter(c -> c.endsWith("java"))
        .orElse("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code java <jvmArgs> -jar target/tai2.jar <args>} with extra environment; its output appends to its log. */
  Process start(String name, List<String> jvmArgs, List<String> args, Map<String, String> env) {
    return start(name, jvmArgs, args, env, null);
  }

  /** As {@link #start(String, List, List, Map)}, in {@code workDir} (its {@code ./data} then holds the embedded database). */
  Process start(
      String name, List<String> jvmArgs, List<String> args, Map<String, String> env, Path workDir) {
    assertThat(JAR).as("the packaged jar (failsafe runs after package)").exists();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(args);
    try {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(name + ".log");
      Files.writeString(
          log,
          "=== " + Instant.now() + " " + String.join(" ", command) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toAbsolutePath().toFile()));
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      started.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** kill -9 and wait for it to be gone. */
  static void killHard(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the process died").isTrue();
  }

  /** Polls until {@code ready} or the deadline; fails naming {@code what}, and the process' log when it has died. */
  static void await(String what, Duration timeout, Process process, BooleanSupplier ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new AssertionError(
            what + ": the process exited with " + process.exitValue() + " (see target/e2e/*.log)");
      }
      try {
        if (ready.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not up yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        what + " did not happen within " + timeout.toSeconds() + " s (see target/e2e/*.log)");
  }

  /** A plain GET's status, or -1 when nothing answers. */
  static int status(HttpClient http, String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    for (Process p : started.reversed()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : started) {
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
