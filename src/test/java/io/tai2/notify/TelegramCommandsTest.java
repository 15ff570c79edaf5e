package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The commands' answers and the one-time codes in front of the kill switch and the release, on a desk that records what it was asked. */
class TelegramCommandsTest {

  static final String ACTOR = "telegram chat 777000";
  static final Pattern CODE = Pattern.compile("/confirm (\\d{6}) within 60 s");

  final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
  final RecordingDesk desk = new RecordingDesk();
  final TelegramCommands commands =
      new TelegramCommands(desk, new Confirmations(clock, new Random(7)));

  @Test
  void givenReadingCommands_whenSent_thenTheDeskAnswersAtOnceAndNothingIsAskedToConfirm() {
    assertThat(commands.answer("/status", ACTOR)).isEqualTo("status text");
    assertThat(commands.answer("/positions@tai2_bot", ACTOR))
        .as("the @botname Telegram appends in groups")
        .isEqualTo("positions text");
    assertThat(commands.answer("  /PNL ", ACTOR)).isEqualTo("pnl text");
    assertThat(desk.actions).isEmpty();
  }

  @Test
  void givenKillFlatten_whenTheCodeItGaveIsSentInTime_thenThePositionsAreFlattenedOnceByThatChat() {
    String code = code(commands.answer("/kill_flatten", ACTOR));
    assertThat(desk.actions).as("asking only gives a code").isEmpty();

    clock.advance(Duration.ofSeconds(59));
    assertThat(commands.answer("/confirm " + code, ACTOR)).isEqualTo("killed flatten=true");
    assertThat(desk.actions).containsExactly("kill flatten=true by " + ACTOR);

    assertThat(commands.answer("/confirm " + code, ACTOR))
        .as("a code is good once")
        .startsWith("Not done: no command waits for a code");
    assertThat(desk.actions).hasSize(1);
  }

  @Test
  void givenAKillWaiting_whenAWrongCodeComes_thenNothingIsDoneAndTheRightCodeNoLongerWorks() {
    String code = code(commands.answer("/kill", ACTOR));
    String wrong = code.equals("000000") ? "000001" : "000000";

    assertThat(commands.answer("/confirm " + wrong, ACTOR)).startsWith("Not done: wrong code");
    assertThat(commands.answer("/confirm " + code, ACTOR))
        .as("one try only")
        .startsWith("Not done: no command waits for a code");
    assertThat(desk.actions).isEmpty();
  }

  @Test
  void
      givenAReleaseWaiting_whenItsCodeComesAfterSixtySeconds_thenItHasExpiredAndNothingIsReleased() {
    String code = code(commands.answer("/release", ACTOR));
    clock.advance(Duration.ofSeconds(60));

    assertThat(commands.answer("/confirm " + code, ACTOR))
        .startsWith("Not done: the code expired after 60 s");
    assertThat(desk.actions).isEmpty();
  }

  @Test
  void
      givenTwoCommandsAskedInARow_whenTheFirstCodeIsSent_thenOnlyTheLastWaitsAndTheFirstCodeIsRefused() {
    String killCode = code(commands.answer("/kill", ACTOR));
    String releaseCode = code(commands.answer("/release", ACTOR));
    assertThat(releaseCode)
        .as("the seeded generator gives two different codes")
        .isNotEqualTo(killCode);

    assertThat(commands.answer("/confirm " + killCode, ACTOR)).startsWith("Not done: wrong code");
    assertThat(desk.actions).isEmpty();
  }

  @Test
  void givenARelease_whenConfirmed_thenTheDeskReleasesAsThatChat() {
    String code = code(commands.answer("/release", ACTOR));
    assertThat(commands.answer("/confirm " + code, ACTOR)).isEqualTo("released");
    assertThat(desk.actions).containsExactly("release by " + ACTOR);
  }

  @Test
  void givenAKillWaiting_whenCancelled_thenItsCodeDoesNothing() {
    String code = code(commands.answer("/kill", ACTOR));
    assertThat(commands.answer("/cancel", ACTOR)).isEqualTo("Dropped /kill: nothing was done.");
    assertThat(commands.answer("/confirm " + code, ACTOR)).startsWith("Not done");
    assertThat(desk.actions).isEmpty();
  }

  @Test
  void givenTextThatIsNoCommand_whenSent_thenTheHelpListsTheCommands() {
    assertThat(commands.answer("hello", ACTOR))
        .startsWith("Not a command I know.")
        .contains("/kill_flatten", "/confirm <code>", "/release");
    assertThat(commands.answer("/help", ACTOR)).isEqualTo(TelegramCommands.HELP);
  }

  static String code(String answer) {
    Matcher m = CODE.matcher(answer);
    assertThat(m.find()).as(answer).isTrue();
    return m.group(1);
  }

  /** Answers with fixed texts and records every action with its actor. */
  static final class RecordingDesk implements OperatorDesk {
    final List<String> actions = new ArrayList<>();

    @Override
    public String status() {
      return "status text";
    }

    @Override
    public String positions() {
      return "positions text";
    }

    @Override
    public String pnl() {
      return "pnl text";
    }

    @Override
    public String kill(boolean flatten, String actor) {
      actions.add("kill flatten=" + flatten + " by " + actor);
      return "killed flatten=" + flatten;
    }

    @Override
    public String release(String actor) {
      actions.add("release by " + actor);
      return "released";
    }
  }

  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
