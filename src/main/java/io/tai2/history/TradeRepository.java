package io.tai2.history;

import java.util.List;
import org.springframework.stereotype.Repository;

/** Executed trades (fills). */
@Repository
public class TradeRepository {

  /** The newest {@code limit} trades, newest first. */
  public List<ExecutedTrade> recent(int limit) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
