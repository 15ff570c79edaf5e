package io.tai2.subaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.AccountConfig;
import io.tai2.okx.OkxMasterAccount;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdict on a declared sub-account from what OKX reports for the trading keys, the master keys and the master's list. */
class SubAccountVerdictTest {

  static final AccountConfig SUB_KEY =
      new AccountConfig("501", "100", "2", "net_mode", "read_only,trade", "tai2 bot");
  static final AccountConfig MASTER_KEY =
      new AccountConfig("100", "100", "2", "net_mode", "read_only,trade", "master reader");
  static final OkxMasterAccount.SubAccount LISTED =
      new OkxMasterAccount.SubAccount("desk1", "501", "", "1", true);

  @Test
  void givenASubAccountKeyAndNoMasterKeys_whenJudged_thenItMatchesButTheNameIsNotConfirmed() {
    SubAccountVerdict v =
        SubAccountVerdict.judge("desk1", SUB_KEY, Optional.empty(), Optional.empty());

    assertThat(v)
        .isEqualTo(new SubAccountVerdict.Matches("desk1", "501", "100", "tai2 bot", false));
    assertThat(v.refusal()).isEmpty();
    assertThat(v.message()).contains("not confirmed").contains("enter the master keys");
  }

  @Test
  void givenTheMasterKeysListingTheSameUid_whenJudged_thenItMatchesConfirmed() {
    assertThat(
            SubAccountVerdict.judge("desk1", SUB_KEY, Optional.of(MASTER_KEY), Optional.of(LISTED)))
        .isEqualTo(new SubAccountVerdict.Matches("desk1", "501", "100", "tai2 bot", true));
  }

  @Test
  void givenAMasterKeyAsTheTradingKey_whenJudged_thenItIsAMismatchThatRefusesEntries() {
    SubAccountVerdict v =
        SubAccountVerdict.judge("desk1", MASTER_KEY, Optional.empty(), Optional.empty());

    assertThat(v).isInstanceOf(SubAccountVerdict.Mismatch.class);
    assertThat(v.refusal())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("belong to a master account (uid 100)")
                    .contains("enter sub-account desk1's own API keys"));
  }

  @Test
  void givenTheKeysOfAnotherSubAccount_whenJudged_thenTheMismatchNamesBothUids() {
    OkxMasterAccount.SubAccount other =
        new OkxMasterAccount.SubAccount("desk2", "502", "", "1", true);

    SubAccountVerdict v =
        SubAccountVerdict.judge("desk2", SUB_KEY, Optional.of(MASTER_KEY), Optional.of(other));

    assertThat(v.message())
        .isEqualTo(
            "the trading keys are not sub-account desk2's: they belong to sub-account uid 501, and desk2 is uid 502;"
                + " enter desk2's own API keys, or declare the sub-account they belong to");
  }

  @Test
  void
      givenMasterKeysOfAnotherMasterOrOfASubAccountOrAnUnknownName_whenJudged_thenEachIsAMismatchSayingWhat() {
    AccountConfig otherMaster = new AccountConfig("200", "200", "2", "net_mode", "read_only", "");
    AccountConfig subAsMaster = new AccountConfig("503", "100", "2", "net_mode", "read_only", "");

    assertThat(
            SubAccountVerdict.judge("desk1", SUB_KEY, Optional.of(otherMaster), Optional.of(LISTED))
                .message())
        .contains("master uid 100, but the master keys are master uid 200's");
    assertThat(
            SubAccountVerdict.judge("desk1", SUB_KEY, Optional.of(subAsMaster), Optional.empty())
                .message())
        .contains("the master keys belong to a sub-account (uid 503)");
    assertThat(
            SubAccountVerdict.judge("desk9", SUB_KEY, Optional.of(MASTER_KEY), Optional.empty())
                .message())
        .isEqualTo(
            "master uid 100 has no sub-account called desk9: check the name as OKX shows it under Sub-accounts");
  }

  @Test
  void givenAMaskedUidInTheMastersList_whenCompared_thenItsVisibleStartAndEndMustMatch() {
    assertThat(SubAccountVerdict.sameUid("3400***********7413", "340012345678907413")).isTrue();
    assertThat(SubAccountVerdict.sameUid("3400***********7413", "340012345678907414")).isFalse();
    assertThat(SubAccountVerdict.sameUid("***", "340012345678907413"))
        .as("nothing visible proves nothing")
        .isFalse();
    assertThat(SubAccountVerdict.sameUid("501", "501")).isTrue();
    assertThat(SubAccountVerdict.sameUid("501", "5010")).isFalse();
  }

  @Test
  void givenNothingDeclared_thenEntriesGo_andNoKeysOrAnUncheckedAccountRefuseThem() {
    assertThat(new SubAccountVerdict.NotDeclared().refusal()).isEmpty();
    assertThat(new SubAccountVerdict.NoTradingKeys("desk1").refusal()).isPresent();
    assertThat(new SubAccountVerdict.Unchecked("desk1", "OKX did not answer").refusal())
        .contains("sub-account desk1 is not checked yet: OKX did not answer");
  }
}
