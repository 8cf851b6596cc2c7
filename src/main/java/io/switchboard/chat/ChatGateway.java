package io.switchboard.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.EndUserRouting;
import io.switchboard.access.ModelAccess;
import io.switchboard.cache.CachedCall;
import io.switchboard.cache.ResponseCache;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderRateLimits;
import io.switchboard.provider.ProviderRegistry;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.provider.UpstreamStream;
import io.switchboard.routing.CallOptions;
import io.switchboard.routing.Routed;
import io.switchboard.routing.Router;
import io.switchboard.telemetry.UpstreamAttempts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The steps of a chat completion, in order. Access checks, guardrails, caching and the completion
 * event for spend and audit join here as they are built; nothing else knows the order. The router
 * runs the attempts: one call of {@link #completeOn} or {@link #openOn} per deployment tried.
 */
@ApplicationScoped
public class ChatGateway {
    @Inject
    Router router;

    @Inject
    ProviderRegistry providers;

    @Inject
    UpstreamClient upstream;

    @Inject
    UpstreamAttempts attempts;

    @Inject
    ResponseCache cache;

    @Inject
    ChatGuardrails guardrails;

    @Inject
    EndUserRouting endUser;

    public Routed<ChatResponse> complete(Caller caller, ChatRequest request) {
        return complete(caller, request, RequestFit.AS_IS);
    }

    /** A completion whose request is adjusted to each deployment tried ({@code /v1/messages}). */
    public Routed<ChatResponse> complete(Caller caller, ChatRequest original, RequestFit fit) {
        ModelAccess.require(caller, original.model()); // before the cache: a cached answer must not bypass it
        GuardedCall<ChatRequest> guarded = guardrails.preCall(caller, original);
        ChatRequest request = guarded.request();
        // The cache sees the request as guardrails left it (PII masked), and stores the answer before
        // post-call checks and unmasking, which then run on hits too.
        CachedCall cached = cache.begin(caller, request);
        if (cached.isHit()) {
            return guarded.postCall(cached.hit());
        }
        CallOptions options = routerOptions(request).inRegion(endUser.modelRegion(), endUser.defaultModel());
        ChatRequest forProvider = withoutRouterFields(cached.request());
        return guarded.postCall(cached.store(guarded.during(() -> {
            AtomicReference<Map<String, String>> rateLimits = new AtomicReference<>(Map.of());
            return router.execute(request.model(), options,
                    deployment -> completeOn(deployment, fit.fit(forProvider, deployment), rateLimits))
                    .withProviderHeaders(rateLimits.get());
        })));
    }

    /**
     * Opens the stream on the first deployment that delivers a first chunk. Failures up to then
     * (routing, an error status, a broken or silent stream) are retried or fall back, and if all fail
     * are thrown, so the client still gets a proper HTTP error; later ones become error events.
     */
    public Routed<ChatStream> openStream(Caller caller, ChatRequest request) {
        return openStream(caller, request, RequestFit.AS_IS);
    }

    /** A stream whose request is adjusted to each deployment tried ({@code /v1/messages}). */
    public Routed<ChatStream> openStream(Caller caller, ChatRequest original, RequestFit fit) {
        ModelAccess.require(caller, original.model()); // before the cache: a cached answer must not bypass it
        GuardedCall<ChatRequest> guarded = guardrails.preCall(caller, original);
        ChatRequest request = guarded.request();
        CachedCall cached = cache.begin(caller, request);
        if (cached.isHit()) {
            return guarded.postCallStream(cached.streamHit());
        }
        CallOptions options = routerOptions(request).inRegion(endUser.modelRegion(), endUser.defaultModel());
        ChatRequest forProvider = withoutRouterFields(cached.request());
        return guarded.postCallStream(cached.storeStream(guarded.during(() -> withProviderHeaders(
                router.execute(request.model(), options, deployment -> openOn(deployment, fit.fit(forProvider,
                        deployment)))))));
    }

    /** One attempt of a chat completion on one deployment, traced and timed. */
    public ChatResponse completeOn(Deployment deployment, ChatRequest request) {
        return completeOn(deployment, request, null);
    }

    /** An attempt that also hands the provider's rate-limit headers, when it answers, to {@code rateLimits}. */
    private ChatResponse completeOn(Deployment deployment, ChatRequest request,
                                    AtomicReference<Map<String, String>> rateLimits) {
        return attempts.chat(deployment, request, () -> sendOn(deployment, request, rateLimits));
    }

    /** A routed stream carrying its provider's rate-limit headers, read from the stream that answered. */
    public static Routed<ChatStream> withProviderHeaders(Routed<ChatStream> routed) {
        return routed.withProviderHeaders(routed.value().providerHeaders());
    }

    /** One attempt of a stream on one deployment, traced until the stream ends. */
    public ChatStream openOn(Deployment deployment, ChatRequest request) {
        return attempts.stream(deployment, request, () -> primeOn(deployment, request));
    }

    private ChatResponse sendOn(Deployment deployment, ChatRequest request,
                                AtomicReference<Map<String, String>> rateLimits) {
        ProviderAdapter adapter = providers.adapter(deployment.provider());
        UpstreamResponse response = upstream.send(adapter.toProviderRequest(request, deployment),
                deployment.timeout());
        if (!response.successful()) {
            throw adapter.toGatewayException(response, deployment);
        }
        if (rateLimits != null) {
            rateLimits.set(ProviderRateLimits.of(response.headers()));
        }
        return CanonicalResponse.of(adapter.fromProviderResponse(response, request, deployment), request);
    }

    /** Opens the stream and returns it once its first chunk is ready. */
    private ChatStream primeOn(Deployment deployment, ChatRequest request) {
        ProviderAdapter adapter = providers.adapter(deployment.provider());
        UpstreamStream stream = upstream.open(adapter.toProviderRequest(request, deployment),
                deployment.streamTimeout());
        if (stream.error() != null) {
            stream.close();
            throw adapter.toGatewayException(stream.error(), deployment);
        }
        stream.readTimeout(deployment.streamTimeout());
        return new ChatStream(stream, adapter.newStreamDecoder(request, deployment),
                new CanonicalStream(request.model(), request.includeUsage(), newId(), Instant.now().getEpochSecond(),
                        request.choiceCount())).prime();
    }

    static CallOptions routerOptions(ChatRequest request) {
        ObjectNode extra = request.extra() == null ? WireJson.object() : request.extra().deepCopy();
        return CallOptions.take(extra, request.metadata(), request.stream(), estimateTokens(request));
    }

    /** LiteLLM's {@code num_retries}, {@code fallbacks} and {@code tags} are the gateway's: never sent upstream. */
    static ChatRequest withoutRouterFields(ChatRequest request) {
        if (request.extra() == null) {
            return request;
        }
        ObjectNode extra = request.extra().deepCopy();
        extra.remove(java.util.List.of("num_retries", "fallbacks", "tags"));
        return request.withExtra(extra);
    }

    /**
     * The prompt's size in tokens, estimated at four characters a token plus a few per message (OpenAI's
     * rule of thumb): enough for the context-window pre-check, which only needs to tell a prompt that
     * cannot fit from one that can.
     */
    static long estimateTokens(ChatRequest request) {
        long chars = 0;
        for (ChatMessage m : request.messages()) {
            String text = m.text();
            chars += text == null ? 0 : text.length();
        }
        return chars / 4 + 4L * request.messages().size();
    }

    public static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
}
