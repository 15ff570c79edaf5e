package io.tai2.execution;

import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.OrderRepository;
import io.tai2.history.TradeActivityRepository;
import io.tai2.history.TradeRepository;

/** The history tables execution writes: orders, trades, cooldown fills, feedback and the decision log's status. */
public record ExecutionRecords(
    OrderRepository orders,
    TradeRepository trades,
    TradeActivityRepository activity,
    ExecutionFeedbackRepository feedback,
    DecisionRepository decisions) {}
