-- general_settings.disable_spend_logs: calls then leave no spend_log row, whose unique request id is what
-- makes an outbox segment settled twice (a crash between commit and the segment's delete) change nothing.
-- Instead each settled batch leaves one marker here, in the transaction that moves its reservations into
-- spend, keyed by the request id (a UUID) of the batch's first record; a batch whose marker exists is
-- skipped whole. The flusher deletes markers older than 7 days.
CREATE TABLE spend_settled_batch (
    first_request_id      VARCHAR(128)   NOT NULL PRIMARY KEY,
    record_count          INTEGER        NOT NULL,
    settled_at            TIMESTAMP      NOT NULL
);
CREATE INDEX spend_settled_batch_age ON spend_settled_batch (settled_at);
