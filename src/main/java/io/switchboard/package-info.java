/**
 * Switchboard: an OpenAI-compatible LLM gateway. The root package holds only what every feature
 * uses: the error vocabulary ({@link io.switchboard.ErrorKind}, {@link io.switchboard.GatewayException}).
 */
package io.switchboard;
