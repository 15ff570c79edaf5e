package io.tai2.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tai2.testsupport.RealServices;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on the real Redis at 127.0.0.1:6379, each test under its own key prefix. */
class RedisStateStoreTest extends StateStoreContract {

  private String prefix;

  @BeforeAll
  static void redis() {
    RealServices.requireRedis();
  }

  @Override
  StateStore newStore() {
    prefix = "tai2test:" + UUID.randomUUID() + ":";
    return new RedisStateStore(RealServices.REDIS_URL, prefix);
  }

  @Override
  void closeStore(StateStore store) {
    ((RedisStateStore) store).close();
  }

  @AfterEach
  void deleteKeys() {
    try (RedisClient client = RedisClient.create(RealServices.REDIS_URL);
        StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = c.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        c.sync().del(keys.toArray(String[]::new));
      }
      assertThat(c.sync().keys(prefix + "*")).isEmpty();
    }
  }

  @Test
  void givenTwoProcesses_whenOneWrites_thenTheOtherReadsAndIsNotified() throws Exception {
    try (RedisStateStore other = new RedisStateStore(RealServices.REDIS_URL, prefix)) {
      LinkedBlockingQueue<StateUpdate> received = new LinkedBlockingQueue<>();
      try (StateStore.Subscription s = other.subscribe(received::add)) {
        awaitSubscribed(received);

        store.putSnapshot("BTC-USDT-SWAP", "{\"from\":\"first\"}");

        StateUpdate update = next(received);
        assertThat(update.symbol()).isEqualTo("BTC-USDT-SWAP");
        assertThat(update.json()).isEqualTo("{\"from\":\"first\"}");
        assertThat(other.snapshot("BTC-USDT-SWAP")).contains("{\"from\":\"first\"}");
      }
    }
  }

  @Test
  void givenUnreachableRedis_whenUsed_thenUnavailableQuicklyWithAClearMessageAndNoPassword() {
    try (RedisStateStore down =
        new RedisStateStore("redis://:s3cret-pw@127.0.0.1:1", "tai2test:down:")) {
      assertThat(down.isAvailable()).isFalse();
      assertThatThrownBy(() -> down.putSnapshot("BTC-USDT-SWAP", "{}"))
          .isInstanceOf(StateStoreUnavailableException.class)
          .hasMessageContaining("Redis at 127.0.0.1:1 is unreachable")
          .hasMessageContaining("check REDIS_URL")
          .hasMessageNotContaining("s3cret-pw");
    }
  }

  @Test
  void givenUpstreamKeyLayout_whenTheViewIsPut_thenItIsAtStateLatest() {
    store.putMarketView("{\"v\":1}");

    try (RedisClient client = RedisClient.create(RealServices.REDIS_URL);
        StatefulRedisConnection<String, String> c = client.connect()) {
      assertThat(c.sync().get(prefix + "state:latest")).isEqualTo("{\"v\":1}");
    }
  }
}
