package io.tai2.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.UUID;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Requests that cannot be read as they stand — a body that is not JSON, has a field the endpoint does not know or a value
 * of the wrong type, is too large, has the wrong content type; a parameter that is missing, of the wrong type or out of
 * range — answer with a 4xx problem naming the field or parameter ({@code field}), never a 5xx. Ahead of Spring Boot's
 * generic problem handler, which says neither which field nor why.
 */
@RestControllerAdvice
@Order(-10)
class RequestProblems {

  /** How much of a parser's message is echoed: enough to find the mistake, never the hostile input itself. */
  private static final int MAX_ECHO = 200;

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    // the parser wraps the stream's failure, so the whole chain is searched for it first
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimit.TooLarge) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
            .body(
                problem(
                    HttpStatus.CONTENT_TOO_LARGE, "body too large", RequestSizeLimit.DETAIL, null));
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnrecognizedPropertyException u) {
        String field = path(u);
        return bad("unknown field", field + " is not a field of this request", field);
      }
      if (t instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
        String field = path(m);
        return bad("invalid field", field + " must be " + expected(m.getTargetType()), field);
      }
      if (t instanceof StreamReadException r) {
        return bad(
            "invalid JSON", "the body is not valid JSON: " + echo(r.getOriginalMessage()), null);
      }
      if (t instanceof JacksonException j) {
        return bad(
            "invalid body", "the body could not be read: " + echo(j.getOriginalMessage()), null);
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Required request body is missing")) {
      return bad("body missing", "this request needs a JSON body", null);
    }
    return bad("invalid body", "the body could not be read", null);
  }

  @ExceptionHandler(BadParameterException.class)
  ResponseEntity<ProblemDetail> badParameter(BadParameterException e) {
    return ResponseEntity.status(e.status())
        .body(
            problem(
                e.status(),
                e.status() == HttpStatus.NOT_FOUND ? "not found" : "invalid parameter",
                e.getMessage(),
                e.parameter()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
    return bad(
        "invalid parameter",
        e.getName()
            + " must be "
            + expected(e.getRequiredType())
            + ", was "
            + echo(String.valueOf(e.getValue())),
        e.getName());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
    return bad("missing parameter", e.getParameterName() + " is required", e.getParameterName());
  }

  /** Query parameters bound to a record (the HISTORY filters): the first field that did not convert. */
  @ExceptionHandler(BindException.class)
  ResponseEntity<ProblemDetail> unbound(BindException e) {
    FieldError error = e.getFieldError();
    if (error == null) {
      return bad("invalid parameters", "the parameters could not be read", null);
    }
    Class<?> type = e.getFieldType(error.getField());
    return bad(
        "invalid parameter",
        error.getField()
            + " must be "
            + expected(type)
            + ", was "
            + echo(String.valueOf(error.getRejectedValue())),
        error.getField());
  }

  @ExceptionHandler({DateTimeException.class, ArithmeticException.class})
  ResponseEntity<ProblemDetail> outOfRange(RuntimeException e) {
    return bad("value out of range", echo(e.getMessage()), null);
  }

  /** Tomcat could not decode the query or form (a broken %-escape, bytes that are not the charset): the client's fault. */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> undecodable(InvalidParameterException e) {
    return bad(
        "undecodable parameters",
        "the query or form could not be decoded (a broken %-escape or bytes that are not UTF-8)",
        null);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    String type = e.getContentType() == null ? "none" : e.getContentType().toString();
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(
            problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported content type",
                "content type "
                    + echo(type)
                    + " is not accepted here; send "
                    + e.getSupportedMediaTypes(),
                null));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
        .body(
            problem(
                HttpStatus.NOT_ACCEPTABLE,
                "not acceptable",
                "this resource is available as " + e.getSupportedMediaTypes(),
                null));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    HttpHeaders headers = new HttpHeaders();
    if (e.getSupportedHttpMethods() != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .headers(headers)
        .body(
            problem(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method not allowed",
                echo(e.getMethod()) + " is not allowed here; use " + e.getSupportedHttpMethods(),
                null));
  }

  private static ResponseEntity<ProblemDetail> bad(String title, String detail, String field) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, title, detail, field));
  }

  private static ProblemDetail problem(
      HttpStatus status, String title, String detail, String field) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  /** The JSON path of the failing value, as the body names it: {@code ab_split.mode}, {@code items[2].size}. */
  static String path(JacksonException e) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : echo(out.toString());
  }

  /** What a value of {@code type} looks like, in the operator's words. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == BigInteger.class) {
      return "a whole number in range";
    }
    if (type == BigDecimal.class
        || type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class) {
      return "a finite number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type.isEnum() || type.isRecord()) {
      return "a valid "
          + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
    return "a valid " + type.getSimpleName();
  }

  /** At most {@value #MAX_ECHO} characters of a message, on one line. */
  static String echo(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > MAX_ECHO ? line.substring(0, MAX_ECHO) + "…" : line;
  }
}
