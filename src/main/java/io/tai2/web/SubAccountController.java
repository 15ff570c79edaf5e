package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.FieldError;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.config.StrictJson;
import io.tai2.okx.OkxMasterAccount.Direction;
import io.tai2.okx.OkxMasterAccount.MasterSide;
import io.tai2.subaccount.SubAccountCheck;
import io.tai2.subaccount.SubAccountFunds;
import io.tai2.subaccount.TransferProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The OKX sub-account: its check against the trading keys, both sides' balances, and master ⇄ sub-account transfers
 * with the master keys. A transfer moves real money on a live account, so from a browser session it needs the operator's
 * password again; it is sent at most once per client id.
 */
@RestController
class SubAccountController {

  /** How the password prompt names a transfer. */
  static final String TRANSFER = "move money between the OKX master account and the sub-account";

  static final int MAX_SCALE = 8;
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

  private final ObjectProvider<SubAccountCheck> check;
  private final ObjectProvider<SubAccountFunds> funds;
  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final RiskyChanges riskyChanges;

  SubAccountController(
      ObjectProvider<SubAccountCheck> check,
      ObjectProvider<SubAccountFunds> funds,
      SettingsDocument<OkxRuntimeSettings> okx,
      RiskyChanges riskyChanges) {
    this.check = check;
    this.funds = funds;
    this.okx = okx;
    this.riskyChanges = riskyChanges;
  }

  @Operation(
      summary =
          "The declared OKX sub-account: the check of the trading keys against it (verdict matches, mismatch, unchecked, "
              + "no_trading_keys or not_declared, with what to do), whether live entries may go, whether master keys are saved (never the keys), "
              + "both sides' available USDT read with the master keys, and the 10 newest transfers")
  @GetMapping("/api/okx/sub-account")
  SubAccountView status() {
    return view(check().current());
  }

  @Operation(
      summary =
          "Checks the declared sub-account against OKX again now; answers as GET /api/okx/sub-account")
  @PostMapping("/api/okx/sub-account/check")
  SubAccountView recheck() {
    return view(check().check());
  }

  @Operation(
      summary =
          "Master ⇄ sub-account transfers, newest first (limit 1–200, default 50): who, when, what, and OKX's answer")
  @GetMapping("/api/okx/sub-account/transfers")
  List<SubAccountView.Transfer> transfers(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 200) {
      throw new InvalidFieldsException("limit", "limit must be between 1 and 200");
    }
    return funds().recent(limit).stream().map(SubAccountView.Transfer::of).toList();
  }

  /** A transfer as asked: {@code direction}, {@code amount} (USDT), {@code master_account}, {@code client_id}, {@code password}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TransferBody(
      String direction,
      BigDecimal amount,
      String masterAccount,
      String clientId,
      String password) {}

  @Operation(
      summary =
          "Moves USDT between the master account and the declared sub-account's trading account with the master keys: "
              + "{\"direction\": \"master_to_sub\"|\"sub_to_master\", \"amount\": USDT > 0 (≤ 8 decimals, at most what the source has available), "
              + "\"master_account\": \"funding\" (default)|\"trading\" (the master's side), \"client_id\": 1–32 letters/digits (a retry with the same "
              + "id never moves money twice), \"password\": with a login, from a browser session, the operator password again}. 200 with the "
              + "transfer and the balances after it; 400 naming a bad field; 403 password; 409 no sub-account, no master keys, the sub-account "
              + "not confirmed, or a client_id used for another transfer; 422 more than available, or OKX's refusal with okx_code and okx_message; "
              + "502 OKX did not answer (retry with the same client_id)")
  @PostMapping(path = "/api/okx/sub-account/transfer", consumes = "application/json")
  SubAccountView.Moved transfer(
      @RequestBody String body, Authentication who, HttpServletRequest request) {
    TransferBody t = StrictJson.bind(StrictJson.parse(body), TransferBody.class, "");
    SubAccountFunds.TransferOrder order = order(t);
    riskyChanges.check(List.of(TRANSFER), request, Optional.ofNullable(t.password()), "password");
    SubAccountFunds.TransferDone done =
        funds().transfer(order, who == null ? "operator" : who.getName());
    return new SubAccountView.Moved(
        SubAccountView.Transfer.of(done.transfer()),
        done.replayed(),
        SubAccountView.Balances.of(done.balances()));
  }

  /** The order in {@code t}, every bad field refused together (nothing is sent). */
  static SubAccountFunds.TransferOrder order(TransferBody t) {
    List<FieldError> errors = new ArrayList<>();
    Direction direction =
        switch (t.direction() == null ? "" : t.direction()) {
          case "master_to_sub" -> Direction.MASTER_TO_SUB;
          case "sub_to_master" -> Direction.SUB_TO_MASTER;
          default -> {
            errors.add(
                new FieldError(
                    "direction", "direction must be \"master_to_sub\" or \"sub_to_master\""));
            yield null;
          }
        };
    BigDecimal amount = t.amount();
    if (amount == null || amount.signum() <= 0) {
      errors.add(new FieldError("amount", "amount must be a number of USDT above 0"));
    } else if (amount.stripTrailingZeros().scale() > MAX_SCALE) {
      errors.add(new FieldError("amount", "amount has at most " + MAX_SCALE + " decimals"));
    } else if (amount.compareTo(MAX_AMOUNT) > 0) {
      errors.add(
          new FieldError(
              "amount", "amount must be at most " + MAX_AMOUNT.toPlainString() + " USDT"));
    }
    MasterSide side =
        switch (t.masterAccount() == null ? "funding" : t.masterAccount()) {
          case "funding" -> MasterSide.FUNDING;
          case "trading" -> MasterSide.TRADING;
          default -> {
            errors.add(
                new FieldError(
                    "master_account",
                    "master_account must be \"funding\" (the default) or \"trading\""));
            yield null;
          }
        };
    if (t.clientId() == null || !t.clientId().matches("[A-Za-z0-9]{1,32}")) {
      errors.add(
          new FieldError(
              "client_id",
              "client_id is required: 1 to 32 letters or digits, new for each transfer (a retry with the same"
                  + " one never moves money twice)"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidFieldsException(errors);
    }
    return new SubAccountFunds.TransferOrder(
        direction, amount.stripTrailingZeros(), side, t.clientId());
  }

  @ExceptionHandler(TransferProblem.class)
  ProblemDetail problem(TransferProblem e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.kind().status()), e.getMessage());
    problem.setTitle(e.kind().title());
    e.field().ifPresent(f -> problem.setProperty("field", f));
    e.okxCode().ifPresent(c -> problem.setProperty("okx_code", c));
    e.okxMessage().ifPresent(m -> problem.setProperty("okx_message", m));
    return problem;
  }

  private SubAccountView view(SubAccountCheck.Checked checked) {
    OkxRuntimeSettings settings = okx.current();
    SubAccountFunds f = funds();
    SubAccountView.Balances balances = null;
    String balancesProblem = null;
    if (settings.subAccount().isEmpty()) {
      balancesProblem = "no sub-account declared";
    } else {
      try {
        balances = SubAccountView.Balances.of(f.balances());
      } catch (TransferProblem e) {
        balancesProblem = e.getMessage();
      }
    }
    Optional<String> refusal = checked.verdict().refusal();
    return new SubAccountView(
        settings.environment(),
        settings.subAccount().orElse(null),
        f.masterKeys(),
        SubAccountView.Check.of(checked),
        refusal.isPresent() ? "refused" : "allowed",
        refusal.orElse(null),
        balances,
        balancesProblem,
        f.recent(10).stream().map(SubAccountView.Transfer::of).toList());
  }

  private SubAccountCheck check() {
    return Optional.ofNullable(check.getIfAvailable())
        .orElseThrow(SubAccountController::unavailable);
  }

  private SubAccountFunds funds() {
    return Optional.ofNullable(funds.getIfAvailable())
        .orElseThrow(SubAccountController::unavailable);
  }

  private static ServiceUnavailableException unavailable() {
    return new ServiceUnavailableException(
        "sub-account not available",
        "the OKX sub-account is checked where the market engine runs, and it"
            + " is off in this process (tai2.market.enabled=false)");
  }
}
