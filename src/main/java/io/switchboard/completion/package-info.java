/**
 * Legacy text completions ({@code /v1/completions}). Internally a text completion travels as a chat
 * response or chunk whose content is the text, so it shares the canonical stream encoder; only the
 * JSON written to the client differs.
 */
package io.switchboard.completion;
