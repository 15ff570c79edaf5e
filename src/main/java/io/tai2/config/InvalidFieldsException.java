package io.tai2.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request refused before anything changed, with every refused field as data (answered with 400, {@code field} = the
 * first one's JSON path or parameter name, {@code errors} = all), so forms and scripts never parse a message.
 */
public class InvalidFieldsException extends IllegalArgumentException {

  private final transient List<FieldError> errors;

  public InvalidFieldsException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a refused request names at least one field");
    }
    this.errors = List.copyOf(errors);
  }

  public InvalidFieldsException(String path, String message) {
    this(List.of(new FieldError(path, message)));
  }

  /** Every refused field, in the order found. */
  public List<FieldError> errors() {
    return errors;
  }

  /** The first refused field's path, for a form to show the message next to it. */
  public String field() {
    return errors.getFirst().path();
  }

  /** The problem document's title. */
  public String title() {
    return "invalid request";
  }
}
