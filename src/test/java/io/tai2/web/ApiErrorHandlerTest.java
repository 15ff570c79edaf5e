package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.InvalidFieldsException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class ApiErrorHandlerTest {

  private final ApiErrorHandler handler = new ApiErrorHandler();
  private final ExceptionHandlerMethodResolver spring =
      new ExceptionHandlerMethodResolver(ApiErrorHandler.class);

  @Test
  void givenABugsNumberFormatException_whenItReachesTheApi_thenA500SaysSoWithoutTheRawText()
      throws Exception {
    NumberFormatException bug = new NumberFormatException("For input string: \"1,5\"");

    Method chosen = spring.resolveMethod(bug);
    ProblemDetail problem = (ProblemDetail) chosen.invoke(handler, bug);

    assertThat(chosen.getName())
        .as("Spring picks the closest handler, not the IllegalArgumentException one")
        .isEqualTo("bug");
    assertThat(problem.getStatus()).isEqualTo(500);
    assertThat(problem.getDetail()).doesNotContain("For input string").contains("bug");
  }

  @Test
  void givenARefusedField_whenItReachesTheApi_thenA400NamesTheField() throws Exception {
    InvalidFieldsException refused =
        new InvalidFieldsException("guardrails.max_leverage", "must be between 1 and 125");

    ProblemDetail problem = (ProblemDetail) spring.resolveMethod(refused).invoke(handler, refused);

    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getProperties()).containsEntry("field", "guardrails.max_leverage");
  }
}
