package io.tai2.subaccount;

import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.config.TradingAccountGate;
import io.tai2.okx.AccountConfig;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxMasterAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the declared sub-account against OKX: {@code account/config} with the trading keys (a sub-account key has
 * {@code uid != mainUid}) and, with master keys, the master's uid and its sub-account list. A verdict holds for the
 * settings, trading connection and master client it was reached with; any change makes the next use check again.
 *
 * <p>As the {@link TradingAccountGate} it refuses live entries while the verdict is not a match: a declared sub-account
 * that the keys do not belong to means orders would reach an account the operator did not mean, so execution stays off
 * for new positions (closing positions and the kill switch still work on the account the keys reach).
 */
public final class SubAccountCheck implements TradingAccountGate {

  private static final Logger log = LoggerFactory.getLogger(SubAccountCheck.class);

  /** An unreachable OKX is asked again at most this often, so a down exchange does not slow every decision. */
  static final Duration RETRY_UNCHECKED = Duration.ofSeconds(30);

  /** A verdict and when OKX was asked for it. */
  public record Checked(SubAccountVerdict verdict, Instant at) {}

  /** A verdict with what it was reached with ({@code clients} and {@code master} compared by identity). */
  private record Known(
      Checked checked,
      OkxRuntimeSettings settings,
      OkxConnection.Clients clients,
      OkxMasterAccount master) {}

  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final OkxConnection connection;
  private final MasterAccess master;
  private final Clock clock;
  private volatile Known last;

  SubAccountCheck(
      SettingsDocument<OkxRuntimeSettings> okx,
      OkxConnection connection,
      MasterAccess master,
      Clock clock) {
    this.okx = okx;
    this.connection = connection;
    this.master = master;
    this.clock = clock;
  }

  @Override
  public Optional<String> refusal() {
    return current()
        .verdict()
        .refusal()
        .map(why -> "the declared OKX sub-account does not match the trading keys: " + why);
  }

  /** The verdict for the settings and clients of now: the last one when it still holds, else checked now. */
  public Checked current() {
    Known known = last;
    if (known != null
        && holds(known)
        && (!(known.checked().verdict() instanceof SubAccountVerdict.Unchecked)
            || known.checked().at().plus(RETRY_UNCHECKED).isAfter(clock.instant()))) {
      return known.checked();
    }
    return check();
  }

  /** Asks OKX again now, whatever is known. */
  public synchronized Checked check() {
    OkxRuntimeSettings settings = okx.current();
    OkxConnection.Clients clients = connection.current();
    Optional<OkxMasterAccount> masterClient = master.client();
    SubAccountVerdict verdict = verdict(settings, clients, masterClient);
    Checked checked = new Checked(verdict, clock.instant());
    Known before = last;
    last = new Known(checked, settings, clients, masterClient.orElse(null));
    if (before == null || !before.checked().verdict().equals(verdict)) {
      if (verdict.refusal().isPresent()) {
        log.error(
            "event=sub_account_check verdict={} live_entries=refused reason=\"{}\"",
            name(verdict),
            verdict.message());
      } else {
        log.info(
            "event=sub_account_check verdict={} live_entries=allowed detail=\"{}\"",
            name(verdict),
            verdict.message());
      }
    }
    return checked;
  }

  private SubAccountVerdict verdict(
      OkxRuntimeSettings settings,
      OkxConnection.Clients clients,
      Optional<OkxMasterAccount> masterClient) {
    if (settings.subAccount().isEmpty()) {
      return new SubAccountVerdict.NotDeclared();
    }
    String declared = settings.subAccount().get();
    if (clients.config().keys().isEmpty()) {
      return new SubAccountVerdict.NoTradingKeys(declared);
    }
    if (master.keys() == MasterAccess.KeyState.UNREADABLE) {
      return new SubAccountVerdict.Unchecked(
          declared,
          "the saved master keys cannot be opened with this TAI2_SECRET_KEY: enter them again");
    }
    AccountConfig trading;
    try {
      trading = clients.trading().accountConfig();
    } catch (RuntimeException e) {
      return new SubAccountVerdict.Unchecked(
          declared,
          "OKX did not answer account/config for the trading keys (" + e.getMessage() + ")");
    }
    if (masterClient.isEmpty()) {
      return SubAccountVerdict.judge(declared, trading, Optional.empty(), Optional.empty());
    }
    try {
      AccountConfig masterConfig = masterClient.get().accountConfig();
      Optional<OkxMasterAccount.SubAccount> listed =
          masterConfig.isSubAccount() ? Optional.empty() : masterClient.get().subAccount(declared);
      return SubAccountVerdict.judge(declared, trading, Optional.of(masterConfig), listed);
    } catch (RuntimeException e) {
      return new SubAccountVerdict.Unchecked(
          declared, "OKX did not answer for the master keys (" + e.getMessage() + ")");
    }
  }

  private boolean holds(Known known) {
    return known.settings().equals(okx.current())
        && known.clients() == connection.current()
        && known.master() == master.client().orElse(null);
  }

  /** The verdict's name in the API and the log: not_declared, no_trading_keys, unchecked, mismatch or matches. */
  public static String name(SubAccountVerdict verdict) {
    return switch (verdict) {
      case SubAccountVerdict.NotDeclared n -> "not_declared";
      case SubAccountVerdict.NoTradingKeys n -> "no_trading_keys";
      case SubAccountVerdict.Unchecked u -> "unchecked";
      case SubAccountVerdict.Mismatch m -> "mismatch";
      case SubAccountVerdict.Matches m -> "matches";
    };
  }
}
