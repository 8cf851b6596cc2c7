/**
 * Google Gemini through the Generative Language API ({@code gemini/}, ai.google.dev/api): OpenAI chat requests
 * become {@code generateContent} calls ({@code contents}/{@code parts}, {@code systemInstruction},
 * {@code functionDeclarations}, {@code generationConfig}), and Gemini's answers, SSE streams, embeddings and
 * google.rpc errors become the canonical OpenAI shapes. Reference: provider-wire-formats.md §3.4.
 */
package io.switchboard.provider.gemini;
