/**
 * Ollama's native API ({@code /api/chat}, {@code /api/embed}), following ollama's docs/api.md and
 * reference/provider-wire-formats.md §3.7: sampling parameters go under {@code options}, images as
 * bare base64, tool calls arrive whole with object arguments, and streams are NDJSON (one JSON
 * object a line, streaming unless {@code "stream": false} is sent). The OpenAI-compatible
 * {@code /v1} API of the same server is served by the {@code ollama_chat} prefix of the OpenAI adapter.
 */
package io.switchboard.provider.ollama;
