/**
 * Anthropic's Messages API ({@code POST /v1/messages}) behind the gateway's OpenAI surface. Requests are
 * translated field by field (reference/provider-wire-formats.md §3.2; LiteLLM's Anthropic transformation is
 * the model for choices the documentation leaves open, such as the forced {@code json_tool_call} tool for
 * structured output); responses and {@code event:}-framed streams come back as canonical OpenAI shapes.
 * OpenAI parameters Anthropic has no equivalent for are dropped or refused before any call is made.
 */
package io.switchboard.provider.anthropic;
