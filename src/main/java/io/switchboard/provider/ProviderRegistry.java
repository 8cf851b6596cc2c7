package io.switchboard.provider;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the adapter for a provider prefix among the {@link ProviderAdapter} beans. Adding a
 * provider adds a bean; nothing here changes. Two adapters claiming one prefix fail start-up.
 */
@ApplicationScoped
public class ProviderRegistry {
    private final Map<String, ProviderAdapter> adapters = new HashMap<>();

    @Inject
    @Any
    Instance<ProviderAdapter> beans;

    @PostConstruct
    void index() {
        for (ProviderAdapter adapter : beans) {
            for (String provider : adapter.providers()) {
                ProviderAdapter previous = adapters.putIfAbsent(provider, adapter);
                if (previous != null) {
                    throw new IllegalStateException("Provider '" + provider + "' is claimed by both "
                            + previous.getClass().getSimpleName() + " and " + adapter.getClass().getSimpleName());
                }
            }
        }
    }

    public Optional<ProviderAdapter> find(String provider) {
        return Optional.ofNullable(adapters.get(provider));
    }

    public ProviderAdapter adapter(String provider) {
        return find(provider).orElseThrow(() -> new GatewayException(ErrorKind.INVALID_REQUEST,
                "Provider '" + provider + "' is not supported by this gateway.", "model", "unsupported_provider"));
    }

    public Set<String> providers() {
        return Set.copyOf(adapters.keySet());
    }

    /** Reranking support of a provider, if its adapter has it. */
    public Optional<RerankAdapter> rerankers(String provider) {
        return find(provider).filter(RerankAdapter.class::isInstance).map(RerankAdapter.class::cast);
    }

    /** Embeddings support of a provider, if its adapter has it. */
    public Optional<EmbeddingAdapter> embeddings(String provider) {
        return find(provider).filter(EmbeddingAdapter.class::isInstance).map(EmbeddingAdapter.class::cast);
    }
}
