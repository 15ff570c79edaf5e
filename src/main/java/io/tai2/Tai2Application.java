package io.tai2;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The tai2 service: one Spring Boot application made of feature modules under {@code io.tai2}. */
@SpringBootApplication
public class Tai2Application {}
