/**
 * Gemini on Google Cloud Vertex AI ({@code vertex_ai/}): the Gemini dialect of
 * {@link io.switchboard.provider.gemini} at project/location URLs, with OAuth access tokens made from a
 * service-account key by {@link io.switchboard.provider.vertex.VertexTokens} (the only I/O here, called by
 * {@link io.switchboard.provider.UpstreamClient}, never by the adapter).
 */
package io.switchboard.provider.vertex;
