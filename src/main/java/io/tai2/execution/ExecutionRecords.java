package io.tai2.execution;

import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.OrderRepository;
import io.tai2.history.TradeActivityRepository;
import io.tai2.history.TradeRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The history tables execution writes: orders, trades, cooldown fills, feedback and the decision log's status; and the
 * transactions over the same database that let the writes of one fill share a commit.
 */
public record ExecutionRecords(
    OrderRepository orders,
    TradeRepository trades,
    TradeActivityRepository activity,
    ExecutionFeedbackRepository feedback,
    DecisionRepository decisions,
    TransactionOperations transactions) {}
