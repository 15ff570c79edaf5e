/**
 * The OKX sub-account tai2 trades: the declared name checked against the trading keys (and, with the master keys, against
 * the master's list), the gate that keeps live entries off while they do not match, and the master ⇄ sub-account
 * balances and transfers made with the master keys — which never reach the order path (docs/OPERATIONS.md "Trading a
 * sub-account").
 */
@org.springframework.modulith.ApplicationModule(displayName = "OKX sub-account")
package io.tai2.subaccount;
