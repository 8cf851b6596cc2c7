/**
 * Live checks of configured deployments for LiteLLM's authenticated {@code GET /health}: one tiny
 * real call per deployment (a one-token completion, or a one-word embedding), run in parallel under a
 * short timeout, reported without addresses or credentials.
 */
package io.switchboard.probe;
