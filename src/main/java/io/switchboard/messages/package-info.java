/**
 * Anthropic's Messages API as an entrance ({@code POST /v1/messages}, {@code /v1/messages/count_tokens}):
 * an Anthropic request is read into the canonical chat request, served by any deployment of the model
 * group through the same gateway and router as {@code /v1/chat/completions}, and the canonical answer or
 * stream is written back as an Anthropic Message or Anthropic's SSE events, errors in Anthropic's shape.
 */
package io.switchboard.messages;
