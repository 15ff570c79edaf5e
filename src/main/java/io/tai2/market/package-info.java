/**
 * The market engine: OKX market data (WebSocket, REST bootstrap) per tracked symbol → {@link io.tai2.market.MarketSnapshot}
 * with indicators and order-flow metrics → the state store.
 */
package io.tai2.market;
