package io.tai2.fills;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The prices at which an open position closes without a new decision: its stop-loss, its take-profit and its
 * liquidation price. The one rule both the simulator and the backtest apply when the price moves:
 *
 * <ul>
 *   <li>A <b>continuous</b> move (inside a bar, or the simulator stepping along its path) meets the levels in order; the
 *       first one met closes the position <b>at the level</b>. Inside one move only the losing side (stop, liquidation)
 *       or the winning side (take) can be met, and the stop lies before the liquidation price for any sane stop.
 *   <li>A <b>jump</b> (a bar's open after the previous close, a pinned price) that passes a level fills <b>at the new
 *       price</b>: a gap through a stop is not filled at the stop. Past the liquidation price the position is liquidated
 *       at the liquidation price, whatever else was passed, as the simulator's exchange does.
 * </ul>
 *
 * @param direction +1 for a long, −1 for a short
 */
public record ExitLevels(
    int direction,
    Optional<BigDecimal> stop,
    Optional<BigDecimal> take,
    Optional<BigDecimal> liquidation) {

  public ExitLevels {
    if (direction != 1 && direction != -1) {
      throw new IllegalArgumentException(
          "direction must be +1 (long) or -1 (short), was " + direction);
    }
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(take, "take");
    Objects.requireNonNull(liquidation, "liquidation");
  }

  /** What a jump to {@code to} does: liquidation, else the stop, else the take-profit, each filled at {@code to}. */
  public Optional<Exit> onJump(BigDecimal to) {
    if (liquidation.filter(level -> losingSide(to, level)).isPresent()) {
      return Optional.of(new Exit(ExitReason.LIQUIDATION, liquidation.get()));
    }
    if (stop.filter(level -> losingSide(to, level)).isPresent()) {
      return Optional.of(new Exit(ExitReason.STOP, to));
    }
    if (take.filter(level -> winningSide(to, level)).isPresent()) {
      return Optional.of(new Exit(ExitReason.TAKE, to));
    }
    return Optional.empty();
  }

  /**
   * What a continuous move from {@code from} to {@code to} does: a level already passed at {@code from} fills at
   * {@code from} (as a jump to it would); otherwise the first level met on the way fills at that level.
   */
  public Optional<Exit> onMove(BigDecimal from, BigDecimal to) {
    Optional<Exit> already = onJump(from);
    if (already.isPresent()) {
      return already;
    }
    boolean falling = to.compareTo(from) < 0;
    boolean losing = direction > 0 ? falling : !falling;
    if (losing) {
      // the stop (nearer the entry) is met before the liquidation price; a stop beyond it is never
      // reached
      Optional<BigDecimal> nearer =
          stop.filter(s -> liquidation.isEmpty() || !losingSide(s, liquidation.get()));
      if (nearer.filter(level -> losingSide(to, level)).isPresent()) {
        return Optional.of(new Exit(ExitReason.STOP, nearer.get()));
      }
      if (liquidation.filter(level -> losingSide(to, level)).isPresent()) {
        return Optional.of(new Exit(ExitReason.LIQUIDATION, liquidation.get()));
      }
      return Optional.empty();
    }
    return take.filter(level -> winningSide(to, level))
        .map(level -> new Exit(ExitReason.TAKE, level));
  }

  /**
   * What one bar does to the position: first its open (a jump from the previous close, so a level passed in the gap
   * fills at the open), then the three continuous legs of its {@link PathBar path}.
   */
  public Optional<Exit> within(PathBar bar) {
    Optional<Exit> atOpen = onJump(bar.open());
    if (atOpen.isPresent()) {
      return atOpen;
    }
    for (int phase = 1; phase < PathBar.PHASES; phase++) {
      Optional<Exit> exit = onMove(bar.point(phase - 1), bar.point(phase));
      if (exit.isPresent()) {
        return exit;
      }
    }
    return Optional.empty();
  }

  /** At or past {@code level} on the side where the position loses (below for a long). */
  private boolean losingSide(BigDecimal price, BigDecimal level) {
    return price.compareTo(level) * direction <= 0;
  }

  /** At or past {@code level} on the side where the position gains (above for a long). */
  private boolean winningSide(BigDecimal price, BigDecimal level) {
    return price.compareTo(level) * direction >= 0;
  }
}
