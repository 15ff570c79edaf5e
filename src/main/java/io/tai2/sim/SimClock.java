package io.tai2.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's clock: a base clock plus an offset the control API can move ({@code POST /__sim/clock}), so tests can
 * reach a funding time or make the server's time drift away from the client's (which OKX answers with 50102).
 */
public final class SimClock extends Clock {

  private final Clock base;
  private final AtomicLong offsetMillis;

  public SimClock(Clock base) {
    this(base, new AtomicLong());
  }

  private SimClock(Clock base, AtomicLong offsetMillis) {
    this.base = base;
    this.offsetMillis = offsetMillis;
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }

  /** Sets the clock to an instant; it runs on from there at the base clock's pace. */
  public void set(Instant to) {
    offsetMillis.set(to.toEpochMilli() - base.millis());
  }

  @Override
  public long millis() {
    return base.millis() + offsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this; // the simulator lives in UTC
  }
}
