/**
 * Rate limits on the request path: requests per minute, tokens per minute (reserved from an estimate
 * before the call, reconciled with the real usage after) and parallel requests, per key, team, user,
 * end user and model-per-key. Token buckets are Bucket4j's, in process by default and in Redis (atomic,
 * shared by every instance) when Redis is configured; a parallel slot is released however the call ends.
 */
package io.switchboard.ratelimit;
