/**
 * The automatic prompt scheduler: while it is on, every interval it runs one prompt cycle (prompt, LLM, guardrails,
 * execution) for each tracked symbol, a bounded number at a time, records what each came to, and turns itself off on a
 * risk lock until the operator turns it on again.
 */
package io.tai2.scheduler;
