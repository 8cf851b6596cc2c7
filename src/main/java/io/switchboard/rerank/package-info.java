/**
 * Document reranking ({@code POST /v1/rerank}, LiteLLM's Cohere-shaped API): the canonical request
 * and response, and the gateway that routes a rerank call to a deployment whose provider can rank.
 */
package io.switchboard.rerank;
