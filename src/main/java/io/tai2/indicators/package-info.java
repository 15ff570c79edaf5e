/**
 * Pure indicator math over candles ({@code double}s): streaming versions of TA-Lib's algorithms that take one closed
 * candle at a time and can preview the still-open candle without committing it. No dependencies.
 */
package io.tai2.indicators;
