package io.tai2.sim;

import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The checks an order must pass before the exchange looks at the account (docs/spec/okx-openrouter-protocols.md §12.4, first failing rule wins):
 * parameters, lot and size limits, the price band around the mark price, and the leverage tiers.
 */
final class SimOrderRules {

  /** Order types the simulator matches; the ones with a price need {@code px}. */
  static final List<String> ORDER_TYPES =
      List.of("market", "limit", "post_only", "ioc", "fok", "optimal_limit_ioc");

  /** Limit prices may be at most this far from the mark price (OKX's band differs per instrument; ours is 5 %). */
  static final BigDecimal PRICE_BAND = new BigDecimal("0.05");

  /** Tier 1 holds up to this many contracts at the instrument's maximum leverage; tier 2 twice as many at three quarters. */
  static final BigDecimal TIER_ONE = new BigDecimal("3000");

  private SimOrderRules() {}

  static Optional<SimExchange.Refused> check(
      Instrument inst, SimExchange.OrderRequest r, BigDecimal mark) {
    if (!r.tdMode().equals("cross") && !r.tdMode().equals("isolated")) {
      return refused("51000", "Parameter tdMode error");
    }
    if (!r.side().equals("buy") && !r.side().equals("sell")) {
      return refused("51000", "Parameter side error");
    }
    if (!ORDER_TYPES.contains(r.ordType())) {
      return refused("51000", "Parameter ordType error");
    }
    boolean priced = !r.ordType().equals("market") && !r.ordType().equals("optimal_limit_ioc");
    if (priced && r.px().isEmpty()) {
      return refused("51204", "The price for a limit order can't be empty.");
    }
    BigDecimal sz;
    try {
      sz = new BigDecimal(r.sz());
    } catch (NumberFormatException e) {
      return refused("51000", "Parameter sz error");
    }
    if (sz.remainder(inst.lotSz()).signum() != 0) {
      return refused("51121", "Order quantity must be a multiple of the lot size.");
    }
    if (sz.compareTo(inst.minSz()) < 0) {
      return refused("51020", "Order quantity should be greater than the minimum order quantity.");
    }
    if (!priced && sz.compareTo(inst.maxMktSz()) > 0) {
      return refused("51202", "Market order amount exceeds the maximum amount.");
    }
    if (priced && sz.compareTo(inst.maxLmtSz()) > 0) {
      return refused("51101", "Order amount exceeds the maximum amount of a single limit order.");
    }
    if (priced) {
      BigDecimal maxBuy =
          mark.multiply(BigDecimal.ONE.add(PRICE_BAND))
              .setScale(inst.tickSz().scale(), RoundingMode.DOWN);
      BigDecimal minSell =
          mark.multiply(BigDecimal.ONE.subtract(PRICE_BAND))
              .setScale(inst.tickSz().scale(), RoundingMode.UP);
      boolean outside =
          r.side().equals("buy")
              ? r.px().get().compareTo(maxBuy) > 0
              : r.px().get().compareTo(minSell) < 0;
      if (outside) {
        return refused(
            "51006",
            "Order price is not within the price limit (max buy price: "
                + maxBuy.toPlainString()
                + ", min sell price: "
                + minSell.toPlainString()
                + ")");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code contracts} (position + same-side open orders + this order) exceed what the tiers allow at {@code lever}. */
  static boolean aboveTier(Instrument inst, BigDecimal contracts, BigDecimal lever) {
    if (contracts.compareTo(TIER_ONE) <= 0) {
      return false;
    }
    if (contracts.compareTo(TIER_ONE.add(TIER_ONE)) > 0) {
      return true;
    }
    return lever.compareTo(
            inst.maxLeverage().multiply(new BigDecimal("0.75")).setScale(0, RoundingMode.DOWN))
        > 0;
  }

  private static Optional<SimExchange.Refused> refused(String code, String message) {
    return Optional.of(new SimExchange.Refused(code, message));
  }
}
