/**
 * The HTTP edge for LiteLLM's and OpenAI's paths (each also without the {@code /v1} prefix): the
 * model routes, the ones that call a provider, as plain servlets ({@link io.switchboard.api.ModelRouteServlet});
 * the admin, info and health routes as JAX-RS resources. Also request-body reading with size limits,
 * caller authentication, the SSE writer and the error rendering that writes OpenAI's error JSON for both.
 */
package io.switchboard.api;
