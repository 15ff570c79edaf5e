package io.tai2.okx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator per test, with the real clients signed in with its demo key. */
abstract class SimClientTest {

  SimFixture sim;
  OkxTrading trading;
  OkxMarketData market;
  OkxFunding funding;

  @BeforeEach
  void startSimulator() {
    sim = new SimFixture();
    OkxRestClient client = sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC);
    trading = new OkxTrading(client);
    market = new OkxMarketData(client);
    funding = new OkxFunding(client);
  }

  @AfterEach
  void stopSimulator() {
    sim.close();
  }
}
