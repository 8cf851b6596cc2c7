/**
 * LiteLLM's spend reports over the ledger's {@code spend_log} rows: {@code /spend/logs} (rows, scoped to
 * what the caller may see), {@code /global/spend/report} (per-day totals by team, customer or key) and
 * {@code /spend/calculate} (the price of a call by the same cost function that bills it). Read-only:
 * rows are written by the spend package alone.
 */
package io.switchboard.spendreport;
