package io.switchboard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.ActiveConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * LiteLLM's generic API callback: each finished call POSTed as JSON to the operator's endpoints.
 * Configured as LiteLLM configures it: a name in {@code litellm_settings.callbacks} (or
 * {@code success_callback} / {@code failure_callback}) whose {@code callback_settings.<name>} has
 * {@code callback_type: generic_api}, {@code endpoint}, optional {@code headers} and
 * {@code event_types} ({@code llm_api_success}, {@code llm_api_failure}); or the plain name
 * {@code generic_api} with {@code GENERIC_LOGGER_ENDPOINT} / {@code GENERIC_LOGGER_HEADERS}. Each POST
 * is tried up to three times (on a connection failure, 429 or 5xx), each try bounded by
 * {@value #TIMEOUT_SECONDS} s; it runs on this callback's own worker, never on a request.
 */
@ApplicationScoped
public class WebhookCallback implements CallCallback {
    private static final Logger LOG = Logger.getLogger(WebhookCallback.class.getName());
    static final int TIMEOUT_SECONDS = 10;
    private static final int ATTEMPTS = 3;

    @Inject
    ActiveConfig config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private List<WebhookTarget> targets = List.of();

    @PostConstruct
    void configure() {
        targets = WebhookTarget.from(config.config().litellmSettings().raw(),
                config.config().document().path("callback_settings"), System::getenv);
        // Callback names that do nothing are reported with the config's other unsupported keys.
    }

    @Override
    public String name() {
        return "generic_api";
    }

    @Override
    public boolean enabled() {
        return !targets.isEmpty();
    }

    @Override
    public void onSuccess(CallbackEvent event) throws InterruptedException {
        deliver(event, true);
    }

    @Override
    public void onFailure(CallbackEvent event) throws InterruptedException {
        deliver(event, false);
    }

    private void deliver(CallbackEvent event, boolean success) throws InterruptedException {
        byte[] body = null;
        for (WebhookTarget target : targets) {
            if (!(success ? target.onSuccess() : target.onFailure())) {
                continue;
            }
            if (body == null) {
                body = CallbackJson.array(event);
            }
            post(target, body, event.id());
        }
    }

    private void post(WebhookTarget target, byte[] body, String callId) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.endpoint())
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.headers().forEach(builder::header);
        HttpRequest request = builder.build();
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 300) {
                    return;
                }
                problem = "status " + status;
                if (status != 429 && status < 500) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(500L << attempt);
            }
        }
        // The callback's name, never its endpoint: URLs often carry tokens.
        String reason = problem;
        LOG.warning(() -> "Callback " + target.name() + " could not deliver call " + callId + ": " + reason);
    }

    /** One endpoint; see {@link WebhookCallback}. */
    record WebhookTarget(String name, URI endpoint, java.util.Map<String, String> headers, boolean onSuccess,
                         boolean onFailure) {

        static Set<String> callbackNames(JsonNode litellmSettings) {
            Set<String> names = new LinkedHashSet<>();
            for (String list : new String[] {"callbacks", "success_callback", "failure_callback"}) {
                litellmSettings.path(list).forEach(n -> names.add(n.asText()));
            }
            return names;
        }

        static List<WebhookTarget> from(JsonNode litellmSettings, JsonNode callbackSettings,
                                        java.util.function.Function<String, String> env) {
            List<WebhookTarget> result = new ArrayList<>();
            for (String name : callbackNames(litellmSettings)) {
                boolean inBoth = contains(litellmSettings.path("callbacks"), name);
                boolean success = inBoth || contains(litellmSettings.path("success_callback"), name);
                boolean failure = inBoth || contains(litellmSettings.path("failure_callback"), name);
                JsonNode settings = callbackSettings.path(name);
                if ("generic_api".equals(settings.path("callback_type").asText())) {
                    JsonNode types = settings.path("event_types");
                    if (types.isArray() && !types.isEmpty()) {
                        success &= contains(types, "llm_api_success");
                        failure &= contains(types, "llm_api_failure");
                    }
                    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
                    settings.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
                    result.add(new WebhookTarget(name, URI.create(settings.path("endpoint").asText()), headers,
                            success, failure));
                } else if (("generic_api".equals(name) || "generic".equals(name)) && env.apply("GENERIC_LOGGER_ENDPOINT") != null) {
                    result.add(new WebhookTarget(name, URI.create(env.apply("GENERIC_LOGGER_ENDPOINT")),
                            headersFromEnv(env.apply("GENERIC_LOGGER_HEADERS")), success, failure));
                }
            }
            return result;
        }

        /** LiteLLM's {@code GENERIC_LOGGER_HEADERS}: {@code name=value,name2=value2}. */
        private static java.util.Map<String, String> headersFromEnv(String value) {
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            if (value != null) {
                for (String pair : value.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        headers.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                    }
                }
            }
            return headers;
        }

        private static boolean contains(JsonNode array, String value) {
            for (JsonNode n : array) {
                if (value.equals(n.asText())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "WebhookTarget[" + name + "]";
        }
    }
}
