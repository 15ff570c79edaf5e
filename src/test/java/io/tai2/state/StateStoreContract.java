package io.tai2.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StateStore} must do; run against memory and the real Redis. */
abstract class StateStoreContract {

  StateStore store;

  abstract StateStore newStore();

  abstract void closeStore(StateStore store);

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    closeStore(store);
  }

  static StateUpdate next(LinkedBlockingQueue<StateUpdate> queue) throws InterruptedException {
    StateUpdate update = queue.poll(10, TimeUnit.SECONDS);
    assertThat(update).as("an update within 10 s").isNotNull();
    return update;
  }

  @Test
  void givenSnapshotsOfTwoSymbols_whenRead_thenEachHasItsOwnAndOverwriteKeepsTheNewest() {
    store.putSnapshot("BTC-USDT-SWAP", "{\"p\":1}");
    store.putSnapshot("ETH-USDT-SWAP", "{\"p\":2}");
    store.putSnapshot("BTC-USDT-SWAP", "{\"p\":3}");

    assertThat(store.snapshot("BTC-USDT-SWAP")).contains("{\"p\":3}");
    assertThat(store.snapshot("ETH-USDT-SWAP")).contains("{\"p\":2}");
    assertThat(store.snapshot("SOL-USDT-SWAP")).isEmpty();
  }

  @Test
  void givenMarketView_whenRead_thenItIsReturned() {
    assertThat(store.marketView()).isEmpty();

    store.putMarketView("{\"symbols\":[\"BTC-USDT-SWAP\"]}");

    assertThat(store.marketView()).contains("{\"symbols\":[\"BTC-USDT-SWAP\"]}");
  }

  @Test
  void givenRuntimeState_whenPutReadAndRemoved_thenEachStepIsVisible() {
    assertThat(store.runtimeState("risk_locks")).isEmpty();
    store.putRuntimeState("risk_locks", "{\"daily_loss\":{\"locked\":true}}");
    assertThat(store.runtimeState("risk_locks")).contains("{\"daily_loss\":{\"locked\":true}}");

    store.removeRuntimeState("risk_locks");
    store.removeRuntimeState("never-there");

    assertThat(store.runtimeState("risk_locks")).isEmpty();
  }

  @Test
  void givenSubscriber_whenSnapshotsAndViewsArePut_thenItReceivesTheExactJsonInOrder()
      throws Exception {
    LinkedBlockingQueue<StateUpdate> received = new LinkedBlockingQueue<>();
    try (StateStore.Subscription ignored = store.subscribe(received::add)) {
      String unicode = "{\"note\":\"Ünïcødé ✓ 价格 \\\"quoted\\\"\"}";
      String large = "{\"candles\":\"" + "x".repeat(300_000) + "\"}";
      awaitSubscribed(received);

      store.putSnapshot("BTC-USDT-SWAP", unicode);
      store.putMarketView(large);

      StateUpdate first = next(received);
      assertThat(first.symbol()).isEqualTo("BTC-USDT-SWAP");
      assertThat(first.json()).isEqualTo(unicode);
      StateUpdate second = next(received);
      assertThat(second.isMarketView()).isTrue();
      assertThat(second.json()).isEqualTo(large);
    }
  }

  @Test
  void givenSeveralSubscribers_whenUpdated_thenEachGetsEveryUpdate_andAClosedOneGetsNoMore()
      throws Exception {
    LinkedBlockingQueue<StateUpdate> a = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<StateUpdate> b = new LinkedBlockingQueue<>();
    StateStore.Subscription subA = store.subscribe(a::add);
    try (StateStore.Subscription ignored = store.subscribe(b::add)) {
      awaitSubscribed(a);
      b.clear();

      store.putSnapshot("ETH-USDT-SWAP", "{\"n\":1}");
      assertThat(next(a).json()).isEqualTo("{\"n\":1}");
      assertThat(next(b).json()).isEqualTo("{\"n\":1}");

      subA.close();
      store.putSnapshot("ETH-USDT-SWAP", "{\"n\":2}");
      assertThat(next(b).json()).isEqualTo("{\"n\":2}");
      assertThat(a.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void givenAThrowingListener_whenUpdated_thenOtherListenersStillReceive() throws Exception {
    LinkedBlockingQueue<StateUpdate> good = new LinkedBlockingQueue<>();
    try (StateStore.Subscription bad =
            store.subscribe(
                u -> {
                  throw new IllegalStateException("boom");
                });
        StateStore.Subscription ok = store.subscribe(good::add)) {
      awaitSubscribed(good);

      store.putSnapshot("SOL-USDT-SWAP", "{\"s\":1}");
      store.putSnapshot("SOL-USDT-SWAP", "{\"s\":2}");

      assertThat(next(good).json()).isEqualTo("{\"s\":1}");
      assertThat(next(good).json()).isEqualTo("{\"s\":2}");
    }
  }

  @Test
  void givenASlowListener_whenSnapshotIsPut_thenTheWriterDoesNotWaitForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    LinkedBlockingQueue<StateUpdate> probe = new LinkedBlockingQueue<>();
    try (StateStore.Subscription p = store.subscribe(probe::add)) {
      awaitSubscribed(probe);
    }
    try (StateStore.Subscription slow =
        store.subscribe(
            u -> {
              entered.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })) {
      store.putSnapshot("BTC-USDT-SWAP", "{\"a\":1}");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      // The listener is still blocked, yet further writes complete and are readable.
      store.putSnapshot("BTC-USDT-SWAP", "{\"a\":2}");
      assertThat(store.snapshot("BTC-USDT-SWAP")).contains("{\"a\":2}");
      assertThat(release.getCount()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void givenConcurrentWriters_whenAllHaveWritten_thenNoUpdateIsLostAndEachKeyHoldsAWrittenValue()
      throws Exception {
    int writers = 8;
    int perWriter = 50;
    Set<String> received = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(writers * perWriter);
    LinkedBlockingQueue<StateUpdate> probe = new LinkedBlockingQueue<>();
    try (StateStore.Subscription p = store.subscribe(probe::add)) {
      awaitSubscribed(probe);
    }
    try (StateStore.Subscription s =
        store.subscribe(
            u -> {
              if (received.add(u.json())) {
                all.countDown();
              }
            })) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<String> written = Collections.synchronizedList(new ArrayList<>());
      for (int w = 0; w < writers; w++) {
        int writer = w;
        pool.execute(
            () -> {
              for (int i = 0; i < perWriter; i++) {
                String json = "{\"w\":" + writer + ",\"i\":" + i + "}";
                store.putSnapshot("SYM" + (writer % 2) + "-USDT-SWAP", json);
                written.add(json);
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      assertThat(all.await(30, TimeUnit.SECONDS)).as("every update delivered").isTrue();
      assertThat(received).containsExactlyInAnyOrderElementsOf(written);
      assertThat(written)
          .contains(
              store.snapshot("SYM0-USDT-SWAP").orElseThrow(),
              store.snapshot("SYM1-USDT-SWAP").orElseThrow());
    }
  }

  @Test
  void givenAStore_whenAskedAboutItself_thenItIsAvailableAndNamed() {
    assertThat(store.isAvailable()).isTrue();
    assertThat(store.kind()).isIn("memory", "redis");
  }

  /**
   * Redis subscriptions are asynchronous: publish probes until the queue sees one, so the test's real updates cannot
   * be missed. The probe updates are then drained.
   */
  void awaitSubscribed(LinkedBlockingQueue<StateUpdate> queue) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      store.putSnapshot("PROBE-USDT-SWAP", "{\"probe\":" + attempt + "}");
      StateUpdate update = queue.poll(100, TimeUnit.MILLISECONDS);
      if (update != null) {
        Thread.sleep(50);
        queue.clear();
        return;
      }
    }
    throw new AssertionError("subscription never became active");
  }
}
