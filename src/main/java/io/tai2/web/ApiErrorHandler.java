package io.tai2.web;

import io.tai2.config.InvalidFieldsException;
import io.tai2.reasoning.LlmException;
import io.tai2.reasoning.ReasoningException;
import java.util.ConcurrentModificationException;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns API failures into RFC 9457 problem documents ({@code application/problem+json}). */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(RiskyChanges.PasswordNeededException.class)
  ProblemDetail passwordNeeded(RiskyChanges.PasswordNeededException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("password needed");
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(ServiceUnavailableException.class)
  ProblemDetail unavailable(ServiceUnavailableException e) {
    log.warn("event=api_unavailable title=\"{}\" detail=\"{}\"", e.title(), e.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setTitle(e.title());
    return problem;
  }

  /** Every refused field as data: {@code field} is the first one's JSON path (forms show the message there), {@code errors} all. */
  @ExceptionHandler(InvalidFieldsException.class)
  ProblemDetail invalidFields(InvalidFieldsException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle(e.title());
    if (!e.field().isEmpty()) {
      problem.setProperty("field", e.field());
    }
    problem.setProperty(
        "errors",
        e.errors().stream().map(x -> Map.of("field", x.path(), "message", x.message())).toList());
    return problem;
  }

  /**
   * A {@link NumberFormatException} that reaches here was thrown by tai2's own code parsing something it wrote or
   * read (request parameters are converted by Spring and refused as a {@code MethodArgumentTypeMismatchException}): a
   * bug, not the caller's mistake. It is a 500 that says so and is logged with its stack, never a 400 carrying the raw
   * "For input string" text, which would send the caller looking for a mistake they did not make.
   */
  @ExceptionHandler(NumberFormatException.class)
  ProblemDetail bug(NumberFormatException e) {
    log.error("event=api_internal_error kind=number_format", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "tai2 failed to read a number it should have been able to read; this is a bug, logged as event=api_internal_error. Your request was not the cause.");
    problem.setTitle("internal error");
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("invalid request");
    return problem;
  }

  @ExceptionHandler(ConcurrentModificationException.class)
  ProblemDetail changedMeanwhile(ConcurrentModificationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("changed meanwhile");
    return problem;
  }

  @ExceptionHandler(ReasoningException.class)
  ProblemDetail refused(ReasoningException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.kind().status()), e.getMessage());
    problem.setTitle(e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    return problem;
  }

  @ExceptionHandler(LlmException.class)
  ProblemDetail llmFailed(LlmException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
    problem.setTitle("LLM " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    return problem;
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("not found");
    return problem;
  }
}
