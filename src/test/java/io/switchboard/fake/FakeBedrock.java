package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Bedrock runtime on 127.0.0.1 (reference §3.3): {@code POST /model/{modelId}/converse},
 * {@code /converse-stream} and {@code /invoke} (Titan and Cohere embeddings), the model id one percent-encoded
 * path segment.
 * <ul>
 * <li>Auth: SigV4 verified by {@link SigV4Verifier} (recomputed with the AWS SDK's signer from the request as
 * received), or a Bedrock API key as {@code Authorization: Bearer}; failures are AWS's 403s
 * ({@code UnrecognizedClientException}, {@code InvalidSignatureException}, ...).</li>
 * <li>Converse's rules ({@link BedrockValidation}): alternating user/assistant turns starting with user, non-blank
 * text, base64 images, {@code toolConfig} whenever tool blocks appear, tool results answering the previous turn's
 * calls, no unknown fields.</li>
 * <li>Streams are real {@code application/vnd.amazon.eventstream} frames ({@link BedrockFrames}), each written in
 * 29-byte pieces so frames split across reads, as the AWS SDK test saw them.</li>
 * <li>Errors: restJson1 with {@code x-amzn-ErrorType}; scenarios keyed by model id.</li>
 * </ul>
 */
public final class FakeBedrock extends FakeProviderServer {
    private static final Pattern ROUTE = Pattern.compile("/model/([^/]+)/(converse|converse-stream|invoke)");
    private static final int PIECE = 29;

    private final String region;
    private final Map<String, SigV4Verifier.Credentials> keys = new ConcurrentHashMap<>();
    private final Set<String> bearerKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> models = ConcurrentHashMap.newKeySet();

    private FakeBedrock(int port, String region) {
        super(port);
        this.region = region;
    }

    public static FakeBedrock start(int port, String region) {
        FakeBedrock fake = new FakeBedrock(port, region);
        fake.listen();
        return fake;
    }

    /** Accept SigV4 signatures by this access key (with this session token, if not null). */
    public FakeBedrock credentials(String accessKeyId, String secret, String sessionToken) {
        keys.put(accessKeyId, new SigV4Verifier.Credentials(accessKeyId, secret, sessionToken));
        return this;
    }

    /** Accept this Bedrock API key as a bearer token. */
    public FakeBedrock apiKey(String key) {
        bearerKeys.add(key);
        return this;
    }

    public FakeBedrock model(String modelId) {
        models.add(modelId);
        return this;
    }

    /** Bedrock's error shape: {@code {"message"}} and the error's name in {@code x-amzn-ErrorType}. */
    public static Scenario.Error error(int status, String type, String message) {
        return new Scenario.Error(status, "{\"message\":" + JSON.valueToTree(message) + "}",
                Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/"));
    }

    @Override
    protected String streamContentType() {
        return "application/vnd.amazon.eventstream";
    }

    @Override
    protected String endOfStream() {
        return null;
    }

    @Override
    protected byte[] frameBytes(String event) {
        return BedrockFrames.encode(LoopbackHttp.json(event));
    }

    @Override
    protected void writeFramed(OutputStream out, byte[] framed) throws IOException {
        for (int at = 0; at < framed.length; at += PIECE) {
            out.write(framed, at, Math.min(PIECE, framed.length - at));
            out.flush();
        }
    }

    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        headers.set("x-amzn-RequestId", "6b8e1c1e-0000-4000-8000-" + String.format("%012d", requestNumber));
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches() || !request.method().equals("POST")) {
            reject(exchange, 404, "UnknownOperationException", "Unknown operation");
            return;
        }
        if (!authentic(exchange, request)) {
            return;
        }
        String model = URLDecoder.decode(route.group(1), StandardCharsets.UTF_8);
        if (!models.contains(model) && !hasScenario(model)) {
            reject(exchange, 400, "ValidationException", "The provided model identifier is invalid.");
            return;
        }
        JsonNode body = request.body();
        if (body == null || !body.isObject()) {
            reject(exchange, 400, "ValidationException", "Malformed input request, please reformat your input and"
                    + " try again.");
            return;
        }
        String action = route.group(2);
        String problem = action.equals("invoke") ? BedrockValidation.embedding(model, body)
                : BedrockValidation.converse(body);
        if (problem != null) {
            reject(exchange, 400, "ValidationException", problem);
            return;
        }
        if (action.equals("invoke") && hasScenario(model)) {
            respond(exchange, model, () -> Answer.body(BedrockEmbeddingBodies.answer(model, body)));
            return;
        }
        if (action.equals("invoke")) { // Bedrock counts the input tokens of every InvokeModel call in a header
            sendBody(exchange, 200, "application/json", BedrockEmbeddingBodies.answer(model, body).toString(),
                    Map.of("x-amzn-bedrock-input-token-count", Integer.toString(BedrockEmbeddingBodies.tokens(body))));
            return;
        }
        BedrockReplies.Reply reply = BedrockReplies.to(body);
        respond(exchange, model, () -> action.equals("converse-stream")
                ? Answer.stream(BedrockReplies.stream(reply)) : Answer.body(BedrockReplies.converse(reply)));
    }

    private boolean authentic(HttpExchange exchange, RecordedRequest request) throws IOException {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            if (bearerKeys.contains(authorization.substring("Bearer ".length()))) {
                return true;
            }
            reject(exchange, 403, "UnrecognizedClientException", "Invalid API Key format: Must start with pre-defined"
                    + " prefix");
            return false;
        }
        SigV4Verifier.Rejection rejection = SigV4Verifier.verify(request,
                request.rawBody().getBytes(StandardCharsets.UTF_8), keys, region);
        if (rejection != null) {
            reject(exchange, 403, rejection.type(), rejection.message());
            return false;
        }
        return true;
    }

    private void reject(HttpExchange exchange, int status, String type, String message) throws IOException {
        Scenario.Error error = error(status, type, message);
        sendBody(exchange, status, "application/json", error.body(), error.headers());
    }
}
