package io.tai2.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A WHERE clause of optional filters: each present value adds {@code AND <condition>} with its parameter. */
final class Where {

  private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
  private final List<Object> params = new ArrayList<>();

  /** {@code condition} holds one {@code ?}, e.g. {@code "symbol = ?"}; a fixed text, never user input. */
  Where and(String condition, Optional<?> value) {
    value.ifPresent(
        v -> {
          sql.append(" AND ").append(condition);
          params.add(v);
        });
    return this;
  }

  String sql() {
    return sql.toString();
  }

  /** The parameters, followed by {@code more} (e.g. LIMIT and OFFSET). */
  List<Object> params(Object... more) {
    List<Object> all = new ArrayList<>(params);
    all.addAll(List.of(more));
    return all;
  }
}
