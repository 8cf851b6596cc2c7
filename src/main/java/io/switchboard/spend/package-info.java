/**
 * Money on the request path: what a call may cost at most (prompt tokens counted with OpenAI's
 * tokenizer plus the most it may generate, priced from the table), the budget reservation that holds
 * that maximum before dispatch, and the spend log that settles each call to its real cost. Rows go
 * through a durable local outbox, so a database outage delays them and never loses them, and every
 * counter changes in the same transaction as the row that explains it (with
 * {@code disable_spend_logs}, as the marker of its batch).
 */
package io.switchboard.spend;
