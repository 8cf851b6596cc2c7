/** Embeddings: the canonical request and response records, their JSON reading and writing. */
package io.switchboard.embedding;
