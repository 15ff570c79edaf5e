package io.tai2.web;

import org.springframework.http.HttpStatus;

/**
 * A request parameter (query, form or path) that is out of range or malformed (400), or names something that does not
 * exist, such as an untracked symbol (404); answered as a problem naming the parameter in {@code field}.
 */
class BadParameterException extends IllegalArgumentException {
  private final String parameter;
  private final HttpStatus status;

  BadParameterException(String parameter, String message) {
    this(parameter, message, HttpStatus.BAD_REQUEST);
  }

  private BadParameterException(String parameter, String message, HttpStatus status) {
    super(message);
    this.parameter = parameter;
    this.status = status;
  }

  /** The parameter names something that is not there (404). */
  static BadParameterException unknown(String parameter, String message) {
    return new BadParameterException(parameter, message, HttpStatus.NOT_FOUND);
  }

  String parameter() {
    return parameter;
  }

  HttpStatus status() {
    return status;
  }
}
