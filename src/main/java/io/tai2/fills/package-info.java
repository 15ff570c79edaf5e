/**
 * How orders fill and how an open position's money moves, shared by the simulator's exchange and the backtest (one
 * model, so a backtest cannot be kinder than the simulator): the intra-bar price path, when a stop-loss, a take-profit
 * or a liquidation closes a position and at what price, slippage, fees, funding and the margin math. Pure functions over
 * {@link java.math.BigDecimal}; depends on nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fills")
package io.tai2.fills;
