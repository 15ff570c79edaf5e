package io.tai2;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The tai2 service: one Spring Boot application made of feature modules under {@code io.tai2}. */
@SpringBootApplication
public class Tai2Application {

  /**
   * Spring AOT processing at build time starts the application from here, to record its bean definitions as code;
   * people start it with {@code tai2 serve}. Conditions are evaluated at build time: the only one tai2 has,
   * {@code tai2.market.enabled}, is a test switch, so a service started in AOT mode always runs its market engine.
   */
  public static void main(String[] args) {
    SpringApplication.run(Tai2Application.class, args);
  }
}
