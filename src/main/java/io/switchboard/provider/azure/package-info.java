/**
 * Azure OpenAI: OpenAI's dialect at deployment URLs with an {@code api-version} and the
 * {@code api-key} header (learn.microsoft.com, Azure OpenAI REST API reference).
 */
package io.switchboard.provider.azure;
