package io.switchboard.provider;

import io.switchboard.chat.ChatResponse;
import io.switchboard.completion.CompletionRequest;

/**
 * Native legacy text completions, for providers that still offer them. The response and stream
 * chunks come back in the chat shapes with the text as message content or delta content.
 */
public interface CompletionAdapter {

    UpstreamRequest toProviderRequest(CompletionRequest request, Deployment deployment);

    ChatResponse fromProviderResponse(UpstreamResponse response, CompletionRequest request, Deployment deployment);

    StreamDecoder newCompletionStreamDecoder(CompletionRequest request, Deployment deployment);
}
