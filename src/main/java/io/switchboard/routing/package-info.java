/**
 * Which deployment serves a call, and how a call survives provider failures: model groups built
 * from {@code model_list} (exact names, wildcards such as {@code openai/*}, aliases), routing
 * strategies (LiteLLM's names, one bean each), retries with backoff and a retry budget, cooldowns,
 * fallback groups and the context-window pre-check. {@link io.switchboard.routing.Router#execute} is
 * the one entry point; {@link io.switchboard.routing.AttemptLoop} holds the logic, tested with a
 * fake {@link io.switchboard.routing.RouterClock}.
 */
package io.switchboard.routing;
