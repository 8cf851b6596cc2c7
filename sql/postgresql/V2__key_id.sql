-- A public identifier for each virtual key, so admin responses, audit rows and URLs can name a key
-- without showing its hash (the hash is as good as the key for a lookup oracle).
ALTER TABLE sb_verification_tokens ADD COLUMN key_id VARCHAR(40);
CREATE INDEX sb_tokens_key_id ON sb_verification_tokens (key_id);
