/**
 * OpenAI's dialect, which also serves the OpenAI-compatible family (Groq, Mistral, DeepSeek,
 * Together, Fireworks, OpenRouter, vLLM, ...) through one table of base URLs and key variables.
 * The wire shape is the canonical one, so the adapter is nearly an identity; what it adds is
 * strict reading of what providers really send and repair of their known deviations.
 */
package io.switchboard.provider.openai;
