package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.notify.Notifier;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The CFG notifications group's "send a test message": every configured channel is tried once and says how it went. */
@RestController
class NotifyController {

  private final Notifier notifier;

  NotifyController(Notifier notifier) {
    this.notifier = notifier;
  }

  /** What each channel made of the test message; {@code error} is empty where it was delivered. */
  record TestAnswer(int delivered, List<Notifier.TestResult> channels) {}

  @Operation(
      summary =
          "Send a test message to every notification channel now (Telegram, webhooks) and report each one's answer; "
              + "409 when no channel is configured")
  @PostMapping("/api/notify/test")
  TestAnswer test(Authentication who) {
    if (!notifier.hasChannels()) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONFLICT,
              "no notification channel is configured: save a Telegram bot and chat, or a webhook URL, first");
      problem.setTitle("nothing to test");
      throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
    List<Notifier.TestResult> results =
        notifier.test(
            "tai2 test message, sent by "
                + (who == null ? "the operator" : who.getName())
                + " from CFG: notifications reach this channel.",
            Clock.systemUTC().instant());
    return new TestAnswer(
        (int) results.stream().filter(Notifier.TestResult::delivered).count(), results);
  }
}
