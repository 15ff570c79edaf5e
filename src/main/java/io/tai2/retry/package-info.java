/**
 * The one retry backoff formula ({@link io.tai2.retry.Backoff}) and the {@link io.tai2.retry.Sleeper} tests replace;
 * the retry rules of each caller stay with the caller.
 */
package io.tai2.retry;
