package io.tai2.paper;

import io.tai2.fills.PaperAccount;
import io.tai2.history.RiskLock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A paper book's saved document: every number as a decimal string, every time as ISO-8601, nothing derived. */
final class PaperBookJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PaperBookJson() {}

  static String write(PaperBook.BookState s) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("initial_equity", s.initialEquity().toPlainString());
    doc.put("taker_fee", s.takerFee().toPlainString());
    doc.put("slippage_bps", s.slippageBps().toPlainString());
    doc.put("started_at", s.startedAt().toString());
    PaperAccount.State a = s.account().state();
    doc.put("cash", a.cash().toPlainString());
    doc.put("fees_paid", a.feesPaid().toPlainString());
    doc.put("funding_paid", a.fundingPaid().toPlainString());
    ArrayNode positions = doc.putArray("positions");
    for (PaperAccount.Position p : a.positions()) {
      ObjectNode o = positions.addObject();
      o.put("symbol", p.symbol())
          .put("direction", p.direction())
          .put("contracts", p.contracts().toPlainString())
          .put("coin", p.coin().toPlainString())
          .put("entry_price", p.entryPrice().toPlainString())
          .put("leverage", p.leverage().toPlainString())
          .put("margin", p.margin().toPlainString())
          .put("entry_time", p.entryTime().toString())
          .put("fees", p.fees().toPlainString())
          .put("funding", p.funding().toPlainString())
          .put("entry_decision", p.entryDecision().toString())
          .put("best", p.best().toPlainString())
          .put("worst", p.worst().toPlainString());
      p.stop().ifPresent(v -> o.put("stop", v.toPlainString()));
      p.take().ifPresent(v -> o.put("take", v.toPlainString()));
    }
    ObjectNode marks = doc.putObject("marks");
    a.marks().forEach((k, v) -> marks.put(k, v.toPlainString()));
    ObjectNode lastFill = doc.putObject("last_fill");
    s.lastFill().forEach((k, v) -> lastFill.put(k, v.toString()));
    ArrayNode accepted = doc.putArray("accepted");
    s.accepted().forEach(t -> accepted.add(t.toString()));
    s.lock()
        .ifPresent(
            l -> {
              ObjectNode o = doc.putObject("lock");
              o.put("key", l.key())
                  .put("locked", l.locked())
                  .put("updated_at", l.updatedAt().toString());
              l.referenceEquity().ifPresent(v -> o.put("reference_equity", v.toPlainString()));
              l.referenceAt().ifPresent(v -> o.put("reference_at", v.toString()));
              l.triggeredAt().ifPresent(v -> o.put("triggered_at", v.toString()));
              l.reason().ifPresent(v -> o.put("reason", v));
            });
    s.dayOpenAt().ifPresent(d -> doc.put("day_open_at", d.toString()));
    doc.put("day_open_equity", s.dayOpenEquity().toPlainString());
    ObjectNode due = doc.putObject("funding_due");
    s.fundingDue()
        .forEach(
            (k, v) ->
                due.putObject(k)
                    .put("at", v.at().toString())
                    .put("rate", v.rate().toPlainString()));
    ObjectNode settled = doc.putObject("funding_settled");
    s.settled().forEach((k, v) -> settled.put(k, v.toString()));
    return JSON.writeValueAsString(doc);
  }

  static PaperBook.BookState read(String json) {
    JsonNode d = JSON.readTree(json);
    BigDecimal fee = num(d, "taker_fee");
    BigDecimal slippage = num(d, "slippage_bps");
    List<PaperAccount.Position> positions = new ArrayList<>();
    for (JsonNode p : d.path("positions")) {
      positions.add(
          new PaperAccount.Position(
              p.path("symbol").asString(),
              p.path("direction").asInt(),
              num(p, "contracts"),
              num(p, "coin"),
              num(p, "entry_price"),
              num(p, "leverage"),
              num(p, "margin"),
              time(p, "entry_time"),
              optionalNum(p, "stop"),
              optionalNum(p, "take"),
              num(p, "fees"),
              num(p, "funding"),
              UUID.fromString(p.path("entry_decision").asString()),
              num(p, "best"),
              num(p, "worst")));
    }
    Map<String, BigDecimal> marks = new HashMap<>();
    d.path("marks")
        .properties()
        .forEach(e -> marks.put(e.getKey(), new BigDecimal(e.getValue().asString())));
    PaperAccount account =
        PaperAccount.restore(
            new PaperAccount.State(
                num(d, "cash"), num(d, "fees_paid"), num(d, "funding_paid"), positions, marks),
            fee,
            slippage);
    Map<String, Instant> lastFill = new HashMap<>();
    d.path("last_fill")
        .properties()
        .forEach(e -> lastFill.put(e.getKey(), Instant.parse(e.getValue().asString())));
    Deque<Instant> accepted = new ArrayDeque<>();
    d.path("accepted").forEach(t -> accepted.addLast(Instant.parse(t.asString())));
    Optional<RiskLock> lock =
        Optional.of(d.path("lock"))
            .filter(JsonNode::isObject)
            .map(
                l ->
                    new RiskLock(
                        l.path("key").asString(),
                        l.path("locked").asBoolean(),
                        optionalNum(l, "reference_equity"),
                        optionalTime(l, "reference_at"),
                        optionalTime(l, "triggered_at"),
                        Optional.of(l.path("reason"))
                            .filter(JsonNode::isString)
                            .map(JsonNode::asString),
                        time(l, "updated_at")));
    Map<String, PaperBook.FundingDue> due = new HashMap<>();
    d.path("funding_due")
        .properties()
        .forEach(
            e ->
                due.put(
                    e.getKey(),
                    new PaperBook.FundingDue(time(e.getValue(), "at"), num(e.getValue(), "rate"))));
    Map<String, Instant> settled = new HashMap<>();
    d.path("funding_settled")
        .properties()
        .forEach(e -> settled.put(e.getKey(), Instant.parse(e.getValue().asString())));
    return new PaperBook.BookState(
        num(d, "initial_equity"),
        fee,
        slippage,
        time(d, "started_at"),
        account,
        lastFill,
        accepted,
        lock,
        optionalTime(d, "day_open_at"),
        num(d, "day_open_equity"),
        due,
        settled);
  }

  private static BigDecimal num(JsonNode n, String field) {
    return new BigDecimal(n.path(field).asString());
  }

  private static Optional<BigDecimal> optionalNum(JsonNode n, String field) {
    return Optional.of(n.path(field))
        .filter(JsonNode::isString)
        .map(v -> new BigDecimal(v.asString()));
  }

  private static Instant time(JsonNode n, String field) {
    return Instant.parse(n.path(field).asString());
  }

  private static Optional<Instant> optionalTime(JsonNode n, String field) {
    return Optional.of(n.path(field))
        .filter(JsonNode::isString)
        .map(v -> Instant.parse(v.asString()));
  }
}
