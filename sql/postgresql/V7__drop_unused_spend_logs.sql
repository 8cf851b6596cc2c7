-- Every call is logged in the ledger table spend_log (V6, spend/LedgerSchema); this V1 table was never written.
DROP TABLE sb_spend_logs;
