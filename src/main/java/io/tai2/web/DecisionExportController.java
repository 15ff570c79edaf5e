package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.DecisionExportRepository;
import io.tai2.history.DecisionExportRepository.Position;
import io.tai2.history.DecisionExportRepository.Selection;
import io.tai2.history.DecisionExportRepository.Traced;
import io.tai2.history.PromptVersionRepository;
import io.tai2.reasoning.DefaultPrompts;
import io.tai2.web.DecisionExportLine.PromptTexts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decision log as a dataset (JSON Lines, one decision a line, oldest first) for offline evaluation or fine-tuning,
 * read from the database a page at a time. Parameters are checked before the first byte, so a bad one is a 400 problem.
 */
@RestController
class DecisionExportController {

  private static final Logger log = LoggerFactory.getLogger(DecisionExportController.class);

  static final int MAX_LINES = 100_000;
  static final int PAGE = 100;
  static final Duration DEFAULT_SPAN = Duration.ofDays(30);
  static final Instant EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  static final Instant LATEST = LocalDate.of(2101, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,63}");
  private static final int MAX_MODEL_CHARS = 200;

  private final DecisionExportRepository decisions;
  private final PromptVersionRepository versions;
  private final Clock clock;

  DecisionExportController(DecisionExportRepository decisions, PromptVersionRepository versions) {
    this.decisions = decisions;
    this.versions = versions;
    this.clock = Clock.systemUTC();
  }

  @Operation(
      summary =
          "The decision log as JSON Lines (from/to: UTC dates, to included, or ISO instants, to excluded; default the last "
              + "30 days): each decision with its prompt, context JSON, reply, parsed decision, guardrail verdict, source (live, paper, shadow), "
              + "orders and fills (live) or paper fills (paper, shadow) and realised outcome, oldest first, at most 100,000 lines (then a last "
              + "line {\"truncated\":true,…}); shadow decisions only with include_shadow=true")
  @GetMapping("/api/decisions/export.jsonl")
  void export(
      HttpServletResponse response,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String model,
      @RequestParam(required = false) String symbol,
      @RequestParam(name = "include_shadow", required = false) String includeShadow)
      throws IOException {
    Selection selection = selection(from, to, version, model, symbol, includeShadow);
    List<Traced> first;
    try {
      first = decisions.page(selection, Optional.empty(), PAGE);
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "decisions unavailable",
          "the history database is not reachable; check DATABASE_URL and the server",
          e);
    }
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"" + fileName(selection) + "\"");
    Writer out = response.getWriter();
    int lines = write(out, selection, first, MAX_LINES);
    out.flush();
    log.info(
        "event=decisions_exported from={} to={} include_shadow={} lines={}",
        selection.from(),
        selection.to(),
        selection.includeShadow(),
        lines);
  }

  /** The selection the parameters name, without shadow decisions. */
  Selection selection(String from, String to, String version, String model, String symbol) {
    return selection(from, to, version, model, symbol, null);
  }

  /** The selection the parameters name; a malformed or out-of-range one is a {@link BadParameterException} naming it. */
  Selection selection(
      String from, String to, String version, String model, String symbol, String includeShadow) {
    Optional<Instant> start = instant("from", from);
    Optional<Instant> end = instant("to", to);
    // a day as to is the whole day: the selection ends where the next one starts
    Instant until =
        end.map(at -> isDay(to) ? at.plus(Duration.ofDays(1)) : at).orElseGet(clock::instant);
    Instant since = start.orElseGet(() -> until.minus(DEFAULT_SPAN));
    if (since.isAfter(end.orElse(until))) {
      throw new BadParameterException(
          "from",
          "from must not be after to: from is "
              + since
              + ", to is "
              + end.orElse(until)
              + (end.isPresent() ? "" : " (now)"));
    }
    return new Selection(
        since,
        until,
        symbol(symbol),
        model(model),
        uuid("version", version),
        flag("include_shadow", includeShadow));
  }

  /**
   * Writes the lines of a selection, starting with its first page; a selection over {@code cap} decisions, or a database
   * that stops answering midway, ends with a line {@code {"truncated":true,…}} that says where to go on from.
   */
  int write(Writer out, Selection selection, List<Traced> firstPage, int cap) throws IOException {
    Map<UUID, Optional<PromptTexts>> texts =
        new HashMap<>(); // versions are immutable: one read each per export
    List<Traced> page = firstPage;
    int written = 0;
    while (!page.isEmpty()) {
      for (Traced t : page) {
        if (written == cap) {
          out.write(
              cut(
                  written,
                  "the export stops at "
                      + cap
                      + " lines; ask again with from=next_from for the rest",
                  t.decision().createdAt()));
          return written;
        }
        out.write(
            DecisionExportLine.MAPPER.writeValueAsString(
                DecisionExportLine.of(t, texts(t, texts))));
        out.write('\n');
        written++;
      }
      if (page.size() < PAGE) {
        return written;
      }
      Position last = page.getLast().position();
      try {
        page = decisions.page(selection, Optional.of(last), PAGE);
      } catch (DataAccessException e) {
        log.warn("event=decisions_export_cut lines={} error=\"{}\"", written, e.toString());
        out.write(
            cut(
                written,
                "the history database stopped answering; ask again with from=next_from for the rest",
                last.createdAt()));
        return written;
      }
    }
    return written;
  }

  /** The prompt texts a decision was built with: its version's, or the shipped ones for a decision without a version. */
  private Optional<PromptTexts> texts(Traced t, Map<UUID, Optional<PromptTexts>> known) {
    return t.decision()
        .promptVersionId()
        .map(
            id ->
                known.computeIfAbsent(
                    id,
                    v ->
                        versions
                            .find(v)
                            .map(pv -> new PromptTexts(pv.systemPrompt(), pv.decisionPrompt()))))
        .orElse(Optional.of(new PromptTexts(DefaultPrompts.SYSTEM, DefaultPrompts.DECISION)));
  }

  private static String cut(int lines, String reason, Instant nextFrom) {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("truncated", true);
    line.put("lines", lines);
    line.put("reason", reason);
    line.put("next_from", nextFrom.toString());
    return DecisionExportLine.MAPPER.writeValueAsString(line) + "\n";
  }

  /** {@code tai2-decisions-<first day>-<last day>.jsonl}, the days of the selection in UTC. */
  static String fileName(Selection s) {
    LocalDate first = s.from().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate last =
        (s.to().isAfter(s.from()) ? s.to().minusNanos(1) : s.to())
            .atZone(ZoneOffset.UTC)
            .toLocalDate();
    return "tai2-decisions-" + first + "-" + last + ".jsonl";
  }

  private static boolean isDay(String text) {
    return text.strip().length() == 10;
  }

  /** A UTC date (its start) or an ISO-8601 instant. */
  private static Optional<Instant> instant(String name, String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip();
    Instant at;
    try {
      at =
          isDay(value)
              ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
              : Instant.parse(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new BadParameterException(
          name,
          name
              + " must be a UTC date like 2026-12-04 or an instant like 2026-12-04T10:00:00Z, was "
              + RequestProblems.echo(text));
    }
    if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
      throw new BadParameterException(
          name,
          name + " must be between 2000-01-01 and 2100-12-31, was " + RequestProblems.echo(text));
    }
    return Optional.of(at);
  }

  private static Optional<UUID> uuid(String name, String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      String value = text.strip();
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException(
            "not in canonical form"); // fromString accepts short groups such as 1-2-3-4-5
      }
      return Optional.of(id);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(
          name, name + " must be a prompt version id (a UUID), was " + RequestProblems.echo(text));
    }
  }

  private static Optional<String> symbol(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip().toUpperCase(Locale.ROOT);
    if (!SYMBOL.matcher(value).matches()) {
      throw new BadParameterException(
          "symbol",
          "symbol must be an instrument id like BTC-USDT-SWAP, was " + RequestProblems.echo(text));
    }
    return Optional.of(value);
  }

  private static Optional<String> model(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip();
    if (value.length() > MAX_MODEL_CHARS || value.chars().anyMatch(Character::isISOControl)) {
      throw new BadParameterException(
          "model",
          "model must be a model id of at most "
              + MAX_MODEL_CHARS
              + " characters, was "
              + RequestProblems.echo(text));
    }
    return Optional.of(value);
  }

  private static boolean flag(String name, String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new BadParameterException(
              name, name + " must be true or false, was " + RequestProblems.echo(text));
    };
  }
}
