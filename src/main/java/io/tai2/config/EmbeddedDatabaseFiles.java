package io.tai2.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database holds the trade history and sealed keys: its directory ({@code ./data}) is made 0700 before
 * H2 opens it, and its files 0600 — those already there at start and, once started, those H2 created.
 */
@Component
class EmbeddedDatabaseFiles
    implements BeanPostProcessor, ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseFiles.class);
  private static final String H2_FILE = "jdbc:h2:file:";

  private final Environment environment;
  private volatile boolean secured;

  EmbeddedDatabaseFiles(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource && !secured) {
      secured = true;
      secure();
    }
    return bean;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    secure();
  }

  private void secure() {
    String url = environment.getProperty("spring.datasource.url", "");
    if (!url.startsWith(H2_FILE)
        || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    String file = url.substring(H2_FILE.length()).split(";", 2)[0];
    Path base = Path.of(file).toAbsolutePath().normalize();
    secure(base, url.equals(DatabaseTarget.EMBEDDED_JDBC_URL));
  }

  /** {@code base} is the database path without extension; {@code ownDirectory}: tai2's own ./data, made 0700. */
  static void secure(Path base, boolean ownDirectory) {
    Path dir = base.getParent();
    String prefix = base.getFileName().toString() + ".";
    try {
      if (ownDirectory) {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (DirectoryStream<Path> files =
          Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
        for (Path f : files) {
          if (Files.isRegularFile(f)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
          }
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("event=database_files_not_secured dir={} reason=\"{}\"", dir, e.toString());
    }
  }
}
