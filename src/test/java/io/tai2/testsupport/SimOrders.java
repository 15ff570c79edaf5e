package io.tai2.testsupport;

import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderRequest;
import io.tai2.sim.SimMarket;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Orders placed on the simulator from outside tai2 (as another OKX client would), so pages have positions to show. */
public final class SimOrders {

  private SimOrders() {}

  /**
   * A market BUY of {@code contracts} on the demo account of key {@code k}, with a stop-loss 5 % under the last price;
   * returns the stop-loss price.
   */
  public static BigDecimal openLongWithStop(
      int simPort, SimMarket market, String symbol, String contracts, String clientOrderId) {
    OkxTrading okx =
        new OkxTrading(
            new OkxRestClient(
                new OkxClientConfig(
                    URI.create("http://127.0.0.1:" + simPort),
                    Optional.of(new OkxKeys("k", "s", "p")),
                    true,
                    Duration.ofSeconds(10)),
                HttpClient.newHttpClient(),
                Clock.systemUTC()));
    BigDecimal stop =
        market.last(symbol).multiply(new BigDecimal("0.95")).setScale(1, RoundingMode.DOWN);
    okx.placeOrder(
        new OrderRequest(
            symbol,
            "cross",
            "buy",
            "market",
            new BigDecimal(contracts),
            Optional.empty(),
            clientOrderId,
            false,
            Optional.empty(),
            Optional.of(stop)));
    return stop;
  }
}
