/**
 * The HTTP edge: JAX-RS resources for LiteLLM's and OpenAI's paths (each also without the
 * {@code /v1} prefix), request-body reading with size limits, caller authentication, the SSE
 * writer and the one exception mapper that writes OpenAI's error JSON.
 */
package io.switchboard.api;
