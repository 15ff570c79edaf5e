package io.tai2.notify;

import java.util.Locale;

/**
 * The answers to the operator's Telegram commands (only the configured chat's reach here). Reading commands answer at
 * once; the three that change what tai2 may do — {@code /kill}, {@code /kill_flatten}, {@code /release} — only ask for a
 * one-time code ({@link Confirmations}) and act on {@code /confirm <code>}.
 */
final class TelegramCommands {

  static final String HELP =
      """
      tai2 commands:
      /status – live switch, scheduler, locks, equity, market data
      /positions – open positions with their stop-loss and take-profit
      /pnl – today's PnL, fees, trades and LLM cost
      /kill – engage the kill switch (no new orders, resting orders cancelled)
      /kill_flatten – the kill switch and every position closed at market
      /release – release the kill switch and reset the daily-loss lock
      /confirm <code> – confirm the last of those three
      /cancel – drop a command waiting for its code""";

  private final OperatorDesk desk;
  private final Confirmations confirmations;

  TelegramCommands(OperatorDesk desk, Confirmations confirmations) {
    this.desk = desk;
    this.confirmations = confirmations;
  }

  /** The answer to {@code text} from the operator's chat; {@code actor} is who the audit trail names. */
  String answer(String text, String actor) {
    String[] words = text.strip().split("\\s+", 2);
    String command = command(words[0]);
    return switch (command) {
      case "/status" -> desk.status();
      case "/positions" -> desk.positions();
      case "/pnl" -> desk.pnl();
      case "/kill" ->
          ask(
              "kill",
              "engage the kill switch: no new orders, resting orders cancelled, positions stay open");
      case "/kill_flatten" ->
          ask("kill_flatten", "engage the kill switch AND close every position at market");
      case "/release" ->
          ask(
              "release",
              "release the risk locks (kill switch, daily-loss lock): new orders may go out again");
      case "/confirm" -> confirm(words.length > 1 ? words[1] : "", actor);
      case "/cancel" ->
          confirmations
              .cancel()
              .map(a -> "Dropped /" + a + ": nothing was done.")
              .orElse("Nothing was waiting.");
      case "/start", "/help" -> HELP;
      default -> "Not a command I know. " + HELP;
    };
  }

  /** The command word, lower case, without the {@code @botname} Telegram appends in groups. */
  static String command(String word) {
    int at = word.indexOf('@');
    return (at > 0 ? word.substring(0, at) : word).toLowerCase(Locale.ROOT);
  }

  private String ask(String action, String what) {
    String code = confirmations.ask(action);
    return "Send /confirm "
        + code
        + " within "
        + Confirmations.VALID.toSeconds()
        + " s to "
        + what
        + ". Any other code cancels it.";
  }

  private String confirm(String code, String actor) {
    return switch (confirmations.redeem(code)) {
      case Confirmations.Redeemed.Refused r -> "Not done: " + r.reason() + ".";
      case Confirmations.Redeemed.Confirmed c ->
          switch (c.action()) {
            case "kill" -> desk.kill(false, actor);
            case "kill_flatten" -> desk.kill(true, actor);
            case "release" -> desk.release(actor);
            default -> throw new IllegalStateException("no such action: " + c.action());
          };
    };
  }
}
