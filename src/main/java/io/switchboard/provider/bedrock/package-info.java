/**
 * AWS Bedrock ({@code bedrock/}): the Converse and ConverseStream APIs for every Bedrock chat model, Titan and
 * Cohere embeddings through InvokeModel, SigV4 signing with the AWS SDK's own signer (or a Bedrock API key as a
 * bearer token), and the binary {@code application/vnd.amazon.eventstream} framing decoded incrementally with the
 * AWS event-stream codec. Pure, like every adapter: requests are built and signed here, sent by the one
 * {@link io.switchboard.provider.UpstreamClient}. The exception is a deployment that calls as a role, a web
 * identity or a profile: fetching those keys is I/O, so such a request leaves unsigned, naming its identity, and
 * {@link io.switchboard.provider.bedrock.AwsCredentialSource} (a credential source the client consults) signs it.
 */
package io.switchboard.provider.bedrock;
