/**
 * The canonical model (OpenAI Chat Completions as Java records), its strict JSON reading and
 * writing, the canonical stream encoder that every upstream stream is re-encoded through, and
 * {@code ChatGateway}, the one place that shows the order of the steps a request goes through.
 */
package io.switchboard.chat;
