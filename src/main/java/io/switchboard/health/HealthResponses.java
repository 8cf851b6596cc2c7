package io.switchboard.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.spi.HealthCheckResponseProvider;

/**
 * Builds {@link HealthCheckResponse}s for {@code HealthCheckResponse.named(...)} and friends, so that
 * health checks, ours or an operator's, are written against the standard API.
 */
public class HealthResponses implements HealthCheckResponseProvider {

    @Override
    public HealthCheckResponseBuilder createResponseBuilder() {
        return new Builder();
    }

    /** Collects a check's name, status and data. */
    static final class Builder extends HealthCheckResponseBuilder {
        private String name;
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
        private final Map<String, Object> data = new LinkedHashMap<>();

        @Override
        public HealthCheckResponseBuilder name(String value) {
            name = value;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            status = HealthCheckResponse.Status.UP;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder down() {
            status = HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            return up ? up() : down();
        }

        @Override
        public HealthCheckResponse build() {
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("A health check response needs a name");
            }
            return new HealthCheckResponse(name, status, data.isEmpty() ? Optional.empty() : Optional.of(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data))));
        }
    }
}
