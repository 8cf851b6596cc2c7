/**
 * Guardrails: checks that keep secrets, personal data and injected instructions out of prompts and
 * answers, configured as LiteLLM's top-level {@code guardrails:} list. {@link io.switchboard.guardrail.Guardrail}
 * is the SPI (a CDI bean named after its {@code litellm_params.guardrail} type, so an organisation adds its
 * own in a jar); {@link io.switchboard.guardrail.Guardrails} chooses the ones a call runs and applies their
 * verdicts. It works on plain texts and knows nothing of the chat model above it.
 */
package io.switchboard.guardrail;
