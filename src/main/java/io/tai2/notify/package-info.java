/**
 * Notify: tells the operator when something happens that matters (an entry filled, a position closed, a risk lock, the
 * kill switch) on Telegram and webhooks, switched per event kind, coalesced against storms, and delivered on its own
 * threads so trading never waits for a chat service.
 */
package io.tai2.notify;
