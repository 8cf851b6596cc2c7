package io.switchboard.probe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingGateway;
import io.switchboard.embedding.EmbeddingRequestReader;
import io.switchboard.provider.Deployment;
import io.switchboard.routing.ModelCatalog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks every configured deployment with one real, minimal call, the way LiteLLM's {@code /health}
 * does, but bounded: each call is capped at {@code switchboard.health.check-timeout} and they run in
 * parallel on a small pool, so a hung provider costs one timeout, not one per deployment. Wildcard
 * deployments ({@code openai/*}) name no model and are not called.
 */
@ApplicationScoped
public class DeploymentProbe {
    private static final Logger LOG = Logger.getLogger(DeploymentProbe.class.getName());
    private static final int PARALLEL_CHECKS = 8;

    @Inject
    ModelCatalog catalog;

    @Inject
    ChatGateway chat;

    @Inject
    EmbeddingGateway embeddings;

    @Inject
    @ConfigProperty(name = "switchboard.health.check-timeout", defaultValue = "PT15S")
    Duration timeout;

    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CHECKS, runnable -> {
        Thread thread = new Thread(runnable, "switchboard-health-check");
        thread.setDaemon(true);
        return thread;
    });

    public List<ProbeResult> checkAll() {
        List<Running> running = new ArrayList<>();
        for (ModelCatalog.Entry entry : catalog.configuredEntries()) {
            Deployment deployment = entry.deployment();
            if (deployment.upstreamModel().contains("*")) {
                continue;
            }
            if (!entry.credentialed()) {
                running.add(new Running(deployment, CompletableFuture.completedFuture(result(deployment,
                        "No provider credentials configured" + (entry.keyVariable() == null ? "."
                                : ": set " + entry.keyVariable() + ".")))));
                continue;
            }
            running.add(new Running(deployment,
                    CompletableFuture.supplyAsync(() -> check(deployment.withTimeoutsAtMost(timeout)), pool)));
        }
        List<ProbeResult> results = new ArrayList<>(running.size());
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (Running check : running) {
            results.add(check.await(deadline));
        }
        return results;
    }

    private ProbeResult check(Deployment deployment) {
        try {
            if ("embedding".equals(deployment.facts().mode())) {
                embeddings.embedOn(deployment, EmbeddingRequestReader.read(request(deployment).put("input", "ping")));
            } else {
                ObjectNode body = request(deployment).put("max_tokens", 1);
                body.putArray("messages").addObject().put("role", "user").put("content", "ping");
                chat.completeOn(deployment, ChatRequestReader.read(body));
            }
            return result(deployment, null);
        } catch (GatewayException e) {
            return result(deployment, e.kind().type() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check of deployment " + deployment.id() + " failed unexpectedly", e);
            return result(deployment, "The check failed unexpectedly.");
        }
    }

    private static ObjectNode request(Deployment deployment) {
        return WireJson.object().put("model", deployment.modelGroup());
    }

    private static ProbeResult result(Deployment deployment, String error) {
        return new ProbeResult(deployment.modelGroup(), deployment.provider() + "/" + deployment.upstreamModel(),
                deployment.id(), error);
    }

    /** A check under way; one that misses the deadline or breaks is reported unhealthy, not dropped. */
    private record Running(Deployment deployment, CompletableFuture<ProbeResult> check) {
        ProbeResult await(long deadline) {
            try {
                return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return result(deployment, "timeout: no answer within the health check's time limit.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(deployment, "The check was interrupted.");
            } catch (ExecutionException e) {
                return result(deployment, "The check failed unexpectedly.");
            }
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
