/**
 * Runtime settings as one whole: every group (market, guardrails, execution, reasoning, scheduler, ui, okx) read and changed
 * together, validated across groups, saved in one transaction with one audit entry, and brought to the running
 * services at once through each document's listeners.
 */
package io.tai2.settings;
