package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leverage OKX last confirmed for one account, per instrument, margin mode and (isolated long/short) side: from its
 * answer to set-leverage and from the positions it reports. It lets an entry skip a set-leverage that would change
 * nothing. Anything that may have changed OKX's value forgets it: a set-leverage OKX refused or left unanswered, a margin
 * adjustment, a position-mode switch, and an order or position OKX reports at another leverage. It is trusted only for a
 * bounded time, because a change made on OKX's own site to an instrument without a position is reported nowhere.
 */
final class ConfirmedLeverage {

  private static final Logger log = LoggerFactory.getLogger(ConfirmedLeverage.class);

  /** OKX keeps one leverage per instrument and margin mode, and per side only for isolated margin in long/short mode. */
  private record Key(String instId, String mgnMode, String posSide) {
    static Key of(String instId, String mgnMode, String posSide) {
      boolean perSide =
          mgnMode.equals("isolated") && (posSide.equals("long") || posSide.equals("short"));
      return new Key(instId, mgnMode, perSide ? posSide : "");
    }
  }

  private record Confirmation(BigDecimal lever, Instant at) {}

  private final ConcurrentHashMap<Key, Confirmation> confirmed = new ConcurrentHashMap<>();

  /** Whether OKX confirmed exactly {@code lever} no longer than {@code trust} before {@code now}. */
  boolean holds(
      String instId,
      String mgnMode,
      String posSide,
      BigDecimal lever,
      Instant now,
      Duration trust) {
    Confirmation c = confirmed.get(Key.of(instId, mgnMode, posSide));
    return c != null && c.lever().compareTo(lever) == 0 && !c.at().plus(trust).isBefore(now);
  }

  /** OKX answered a set-leverage with this value. */
  void confirmed(String instId, String mgnMode, String posSide, BigDecimal lever, Instant at) {
    confirmed.put(Key.of(instId, mgnMode, posSide), new Confirmation(lever, at));
  }

  /**
   * OKX reported this leverage in use now (an open position): the same value renews the confirmation, another one
   * forgets it, so the next entry sets the leverage again.
   */
  void inUse(String instId, String mgnMode, String posSide, BigDecimal lever, Instant at) {
    confirmed.computeIfPresent(
        Key.of(instId, mgnMode, posSide),
        (key, c) -> {
          if (c.lever().compareTo(lever) == 0) {
            return new Confirmation(lever, at);
          }
          changed(key, c.lever(), lever);
          return null;
        });
  }

  /** OKX reported an order placed at this leverage (perhaps a while ago): another value forgets the confirmation. */
  void placedAt(String instId, String mgnMode, String posSide, BigDecimal lever) {
    confirmed.computeIfPresent(
        Key.of(instId, mgnMode, posSide),
        (key, c) -> {
          if (c.lever().compareTo(lever) == 0) {
            return c;
          }
          changed(key, c.lever(), lever);
          return null;
        });
  }

  /** Something may have changed this leverage (a set-leverage refused or unanswered). */
  void forget(String instId, String mgnMode, String posSide) {
    confirmed.remove(Key.of(instId, mgnMode, posSide));
  }

  /** Something may have changed every leverage of this instrument (a margin adjustment). */
  void forgetInstrument(String instId) {
    confirmed.keySet().removeIf(k -> k.instId().equals(instId));
  }

  /** Something may have changed every leverage of the account (a position-mode switch). */
  void forgetAll() {
    confirmed.clear();
  }

  private static void changed(Key key, BigDecimal known, BigDecimal reported) {
    log.warn(
        "event=leverage_changed_on_okx symbol={} mgn_mode={} pos_side={} confirmed={} reported={}",
        key.instId(),
        key.mgnMode(),
        key.posSide().isEmpty() ? "-" : key.posSide(),
        known.toPlainString(),
        reported.toPlainString());
  }
}
