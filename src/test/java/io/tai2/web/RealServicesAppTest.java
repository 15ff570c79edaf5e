package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeRepository;
import io.tai2.state.StateStore;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.RealServices;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app on the real PostgreSQL (libpq DATABASE_URL, fresh database) and the real Redis (REDIS_URL). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "TAI2_ENV_FILE=none")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class RealServicesAppTest {

  static RealServices.FreshDatabase database;
  static final String PREFIX = "tai2test:" + UUID.randomUUID() + ":";

  @LocalServerPort int port;
  @Autowired StateStore store;
  @Autowired TradeRepository trades;

  @BeforeAll
  static void services() {
    RealServices.requirePostgres();
    RealServices.requireRedis();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    database = RealServices.freshPostgresDatabase();
    registry.add("DATABASE_URL", database::libpqUrl);
    registry.add("REDIS_URL", () -> RealServices.REDIS_URL);
    registry.add("tai2.state.key-prefix", () -> PREFIX);
  }

  @AfterAll
  static void cleanUp() {
    if (database != null) {
      database.close();
    }
    try (RedisClient client = RedisClient.create(RealServices.REDIS_URL);
        StatefulRedisConnection<String, String> c = client.connect()) {
      var keys = c.sync().keys(PREFIX + "*");
      if (!keys.isEmpty()) {
        c.sync().del(keys.toArray(String[]::new));
      }
    }
  }

  @Test
  @Order(1)
  void givenLibpqDatabaseUrl_whenStarted_thenPostgresqlIsMigrated() throws Exception {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        ResultSet rs =
            c.createStatement()
                .executeQuery("select count(*) from flyway_schema_history where success")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  @Order(2)
  void givenRedisUrl_whenStateIsWritten_thenItLivesInRedisAndIsServed() {
    assertThat(store.kind()).isEqualTo("redis");
    store.putMarketView("{\"symbols\":[\"BTC-USDT-SWAP\"],\"via\":\"redis\"}");

    try (RedisClient client = RedisClient.create(RealServices.REDIS_URL);
        StatefulRedisConnection<String, String> c = client.connect()) {
      assertThat(c.sync().keys(PREFIX + "*")).isNotEmpty();
    }
    HttpResponse<String> r = new HttpProbe(port).get("/state/latest");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"via\":\"redis\"");
  }

  @Test
  @Order(3)
  void givenPostgres_whenTradesAreRecorded_thenTheApiServesThem() {
    trades.insert(
        new ExecutedTrade(
            UUID.randomUUID(),
            Instant.parse("2026-11-02T10:00:00Z"),
            "ETH-USDT-SWAP",
            "ETH-USDT-SWAP",
            "sell",
            new BigDecimal("3"),
            new BigDecimal("3100.25"),
            new BigDecimal("0.3"),
            Optional.of("pg1"),
            Optional.empty(),
            Optional.of(new BigDecimal("12.5")),
            Optional.empty()));

    HttpResponse<String> r = new HttpProbe(port).get("/trades/recent");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"client_order_id\":\"pg1\"", "\"pnl\":12.5");
  }

  @Test
  @Order(4)
  void givenTheDatabaseGoesAway_whenTradesAreAsked_then503WithAClearError() {
    database.close();

    HttpResponse<String> r = new HttpProbe(port).get("/trades/recent");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("trades unavailable", "DATABASE_URL");
    HttpResponse<String> health = new HttpProbe(port).get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(503);
  }
}
