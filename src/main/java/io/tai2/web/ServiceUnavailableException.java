package io.tai2.web;

/** A dependency of the request (database, state store, snapshot) is not there; answered with 503. */
class ServiceUnavailableException extends RuntimeException {
  private final String title;

  ServiceUnavailableException(String title, String detail) {
    super(detail);
    this.title = title;
  }

  ServiceUnavailableException(String title, String detail, Throwable cause) {
    super(detail, cause);
    this.title = title;
  }

  String title() {
    return title;
  }
}
