package io.tai2.subaccount;

import io.tai2.config.EnvSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.history.SubAccountTransferRepository;
import io.tai2.okx.OkxConnection;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The sub-account check (also the trading-account gate execution and the settings ask) and the master-key funds, where
 * the OKX connection runs; the declared sub-account is checked once the service is ready, then on every use after a change.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
class SubAccountConfiguration {

  @Bean(destroyMethod = "close")
  MasterAccess masterAccess(
      EnvSettings env, SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault) {
    return new MasterAccess(env, okx, vault, Clock.systemUTC());
  }

  @Bean
  SubAccountCheck subAccountCheck(
      SettingsDocument<OkxRuntimeSettings> okx, OkxConnection connection, MasterAccess master) {
    return new SubAccountCheck(okx, connection, master, Clock.systemUTC());
  }

  @Bean
  SubAccountFunds subAccountFunds(
      SettingsDocument<OkxRuntimeSettings> okx,
      MasterAccess master,
      SubAccountCheck check,
      SubAccountTransferRepository transfers) {
    return new SubAccountFunds(okx, master, check, transfers, Clock.systemUTC());
  }

  @Bean
  StartupCheck subAccountStartupCheck(SubAccountCheck check) {
    return new StartupCheck(check);
  }

  /** Checks the declared sub-account when the service is ready, off the start-up thread (OKX may be slow or away). */
  record StartupCheck(SubAccountCheck check) {
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
      Thread.ofVirtual().name("sub-account-check").start(check::check);
    }
  }
}
