package io.tai2.notify;

import io.tai2.config.NotificationSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where notifications go now: the Telegram bot and the webhook URLs saved in the {@code notify} group (opened from their
 * seals), else the environment's. A saved secret that does not open (another {@code TAI2_SECRET_KEY}) is left out, with
 * the vault's {@code event=secret_unreadable} line saying what to do; it never falls back to the environment's silently.
 */
record NotifyTargets(Optional<Telegram> telegram, List<Secret> webhooks) {

  /** A bot and the one chat it talks to (and takes commands from). */
  record Telegram(URI apiUrl, Secret token, String chatId) {}

  NotifyTargets {
    webhooks = List.copyOf(webhooks);
  }

  static NotifyTargets of(NotifySettings saved, NotificationSettings env, SecretVault vault) {
    Optional<Telegram> telegram;
    if (saved.telegram().isPresent()) {
      Optional<Secret> token = vault.open(saved.telegram().get().botToken());
      Optional<Secret> chat = vault.open(saved.telegram().get().chatId());
      telegram =
          token.isPresent() && chat.isPresent()
              ? Optional.of(new Telegram(env.telegramApiUrl(), token.get(), chat.get().reveal()))
              : Optional.empty();
    } else {
      telegram =
          env.telegramBotToken()
              .map(
                  token ->
                      new Telegram(
                          env.telegramApiUrl(), token, env.telegramChatId().orElseThrow()));
    }
    List<Secret> webhooks = new ArrayList<>();
    if (saved.webhookUrls().isPresent()) {
      saved
          .webhookUrls()
          .get()
          .forEach(sealedUrl -> vault.open(sealedUrl).ifPresent(webhooks::add));
    } else {
      webhooks.addAll(env.webhookUrls());
    }
    return new NotifyTargets(telegram, webhooks);
  }
}
