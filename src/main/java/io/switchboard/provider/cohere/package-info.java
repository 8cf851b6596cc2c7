/**
 * Cohere's v2 API ({@code /v2/chat}, {@code /v2/embed}), following docs.cohere.com/reference/chat and
 * /reference/embed and reference/provider-wire-formats.md §3.6: OpenAI-shaped requests are rewritten in
 * Cohere's names ({@code p}, {@code k}, {@code stop_sequences}, upper-case {@code tool_choice}, tool
 * results as documents) and Cohere's typed SSE events are turned into canonical chunks.
 */
package io.switchboard.provider.cohere;
