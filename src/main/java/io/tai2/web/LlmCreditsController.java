package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.DecisionRepository;
import io.tai2.reasoning.LlmAccess;
import io.tai2.reasoning.LlmCredits;
import io.tai2.reasoning.LlmKeyStatus;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The LIVE page's "OpenRouter credits" card as JSON: the key's limit and usage, the account's credits, and what tai2's own
 * decisions cost today against {@code reasoning.daily_cost_budget_usd}. A part the endpoint refuses carries a note; the
 * key itself (and OpenRouter's key label, a shortened key) is never part of the answer.
 */
@RestController
class LlmCreditsController {

  private final LlmAccess llm;
  private final DecisionRepository decisions;
  private final ReasoningSettingsStore settings;
  private final Clock clock = Clock.systemUTC();

  LlmCreditsController(
      LlmAccess llm, DecisionRepository decisions, ReasoningSettingsStore settings) {
    this.llm = llm;
    this.decisions = decisions;
    this.settings = settings;
  }

  /** {@code /key}: the key's limit (null = unlimited), what it used in total and today, and what remains of the limit. */
  record KeyView(
      BigDecimal limit, BigDecimal usage, BigDecimal usageDaily, BigDecimal limitRemaining) {
    static KeyView of(LlmKeyStatus k) {
      return new KeyView(
          k.limit().orElse(null), k.usage(), k.usageDaily(), k.remaining().orElse(null));
    }
  }

  /** {@code /credits}: credits bought and used over the account's life. */
  record AccountView(BigDecimal totalCredits, BigDecimal totalUsage, BigDecimal remaining) {}

  /** tai2's own LLM spend since 00:00 UTC (every decision's recorded cost) against the daily budget (0 = no limit). */
  record TodayView(
      Instant since,
      BigDecimal spentUsd,
      BigDecimal budgetUsd,
      BigDecimal budgetLeftUsd,
      boolean budgetSpent) {}

  record CreditsView(
      KeyView key, String keyNote, AccountView credits, String creditsNote, TodayView today) {}

  @Operation(
      summary =
          "The LLM key's limit and usage (/key), the account's credits (/credits, management keys only) and today's "
              + "tai2 spend against the daily budget; a refused or failed part carries a note instead")
  @GetMapping("/llm/credits")
  CreditsView credits() {
    LlmCredits c = llm.credits();
    Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS);
    BigDecimal spent = decisions.costSince(midnight);
    BigDecimal budget = settings.current().dailyCostBudgetUsd();
    boolean limited = budget.signum() > 0;
    TodayView today =
        new TodayView(
            midnight,
            spent,
            budget,
            limited ? budget.subtract(spent).max(BigDecimal.ZERO) : null,
            limited && spent.compareTo(budget) >= 0);
    return new CreditsView(
        c.key().map(KeyView::of).orElse(null),
        c.keyNote().orElse(null),
        c.account()
            .map(a -> new AccountView(a.totalCredits(), a.totalUsage(), a.remaining()))
            .orElse(null),
        c.accountNote().orElse(null),
        today);
  }
}
