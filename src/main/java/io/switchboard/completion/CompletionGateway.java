package io.switchboard.completion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.EndUserRouting;
import io.switchboard.access.ModelAccess;
import io.switchboard.cache.CallTypeCache;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatGuardrails;
import io.switchboard.chat.GuardedCall;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.CompletionAdapter;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderRegistry;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.telemetry.UpstreamAttempts;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.provider.UpstreamStream;
import io.switchboard.routing.CallOptions;
import io.switchboard.routing.Routed;
import io.switchboard.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The steps of a legacy completion: providers with a native completions API get the request as is;
 * for the others the prompt becomes a single user message of a chat completion, as LiteLLM does.
 */
@ApplicationScoped
public class CompletionGateway {
    /** Parameters that mean the same in both APIs and carry over when a completion is served by chat. */
    private static final List<String> SHARED_PARAMS = List.of("max_tokens", "temperature", "top_p", "n", "stop",
            "stream", "stream_options", "user", "seed", "presence_penalty", "frequency_penalty");

    @Inject
    Router router;

    @Inject
    ProviderRegistry providers;

    @Inject
    UpstreamClient upstream;

    @Inject
    UpstreamAttempts attempts;

    @Inject
    ChatGateway chat;

    @Inject
    ChatGuardrails guardrails;

    @Inject
    CallTypeCache cache;

    @Inject
    EndUserRouting endUser;

    public Routed<ChatResponse> complete(Caller caller, CompletionRequest original) {
        ModelAccess.require(caller, original.model());
        GuardedCall<CompletionRequest> guarded = CompletionPrompts.guard(guardrails, caller, original);
        // The cache sees the prompt as guardrails left it, and post-call checks run on hits too (as for chat).
        CompletionRequest request = guarded.request();
        CallOptions options = routerOptions(request); // read here: during() may run the call elsewhere
        return guarded.postCall(cache.textCompletion(caller, request.body(), body -> guarded.during(() ->
                completeRouted(new CompletionRequest(request.model(), request.prompt(), request.stream(),
                        request.includeUsage(), body), options))));
    }

    private Routed<ChatResponse> completeRouted(CompletionRequest request, CallOptions options) {
        CompletionRequest forProvider = withoutRouterFields(request);
        return router.execute(request.model(), options, deployment -> {
            ProviderAdapter adapter = providers.adapter(deployment.provider());
            if (!(adapter instanceof CompletionAdapter native_)) {
                return chat.completeOn(deployment, ChatRequestReader.read(asChat(forProvider)));
            }
            return attempts.other(deployment, "text_completion", () -> {
                UpstreamResponse response = upstream.send(native_.toProviderRequest(forProvider, deployment),
                        deployment.timeout());
                if (!response.successful()) {
                    throw adapter.toGatewayException(response, deployment);
                }
                return native_.fromProviderResponse(response, forProvider, deployment);
            });
        });
    }

    public Routed<ChatStream> openStream(Caller caller, CompletionRequest original) {
        ModelAccess.require(caller, original.model());
        GuardedCall<CompletionRequest> guarded = CompletionPrompts.guard(guardrails, caller, original);
        CompletionRequest request = guarded.request();
        CallOptions options = routerOptions(request); // read here: during() may run the call elsewhere
        // As for chat: a hit is replayed without a provider, and post-call checks run on it too.
        return guarded.postCallStream(cache.streamedTextCompletion(caller, request.body(), request.includeUsage(),
                body -> guarded.during(() -> ChatGateway.withProviderHeaders(openRouted(new CompletionRequest(
                        request.model(), request.prompt(), request.stream(), request.includeUsage(), body), options)))));
    }

    private Routed<ChatStream> openRouted(CompletionRequest request, CallOptions options) {
        CompletionRequest forProvider = withoutRouterFields(request);
        return router.execute(request.model(), options, deployment -> {
            ProviderAdapter adapter = providers.adapter(deployment.provider());
            if (!(adapter instanceof CompletionAdapter native_)) {
                return chat.openOn(deployment, ChatRequestReader.read(asChat(forProvider)));
            }
            return attempts.otherStream(deployment, "text_completion", () -> {
                UpstreamStream stream = upstream.open(native_.toProviderRequest(forProvider, deployment),
                        deployment.streamTimeout());
                if (stream.error() != null) {
                    stream.close();
                    throw adapter.toGatewayException(stream.error(), deployment);
                }
                stream.readTimeout(deployment.streamTimeout());
                return new ChatStream(stream, native_.newCompletionStreamDecoder(forProvider, deployment),
                        new CanonicalStream(forProvider.model(), forProvider.includeUsage(),
                                ChatGateway.newId().replace("chatcmpl-", "cmpl-"), Instant.now().getEpochSecond(),
                                forProvider.body().path("n").asInt(1))).prime();
            });
        });
    }

    /** The request's router fields, held to the calling end user's region; read on the request's thread. */
    private CallOptions routerOptions(CompletionRequest request) {
        return CallOptions.take(request.body().deepCopy(), request.body().get("metadata"), request.stream(), 0)
                .inRegion(endUser.modelRegion(), endUser.defaultModel());
    }

    /** The router's own request fields are not the provider's. */
    private static CompletionRequest withoutRouterFields(CompletionRequest request) {
        ObjectNode body = request.body().deepCopy();
        body.remove(List.of("num_retries", "fallbacks", "tags"));
        return new CompletionRequest(request.model(), request.prompt(), request.stream(), request.includeUsage(),
                body);
    }

    static ObjectNode asChat(CompletionRequest request) {
        String prompt = request.singlePromptText();
        if (prompt == null) {
            throw GatewayException.invalidRequest("This model serves completions through chat, which takes a single"
                    + " text prompt; send 'prompt' as one string.", "prompt");
        }
        ObjectNode body = WireJson.object();
        body.put("model", request.model());
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        for (String name : SHARED_PARAMS) {
            if (request.body().has(name)) {
                body.set(name, request.body().get(name));
            }
        }
        return body;
    }
}
