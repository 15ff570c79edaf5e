/**
 * Paper trading at live prices: the dry run while live execution is off, and shadow models, each on a paper account
 * of its own (the backtest's fill model), judged by the same guardrails and never reaching the exchange.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Paper trading and shadow models")
package io.tai2.paper;
