package io.switchboard.guardrail;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.config.ActiveConfig;
import io.switchboard.config.ConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The configured guardrails and the beans that implement them. A call runs every {@code default_on}
 * guardrail plus the ones its key, team or request names; {@link #begin} gives it a {@link GuardrailRun}.
 */
@ApplicationScoped
public class Guardrails {
    private static final Logger LOG = Logger.getLogger(Guardrails.class.getName());

    @Inject
    ActiveConfig config;

    @Inject
    @Any
    Instance<Guardrail> beans;

    private final Map<String, Guardrail> byType = new ConcurrentHashMap<>();
    private volatile List<GuardrailSpec> specs;

    /** Reads and checks the guardrails at start, so a bad entry stops the application, not a request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        specs();
    }

    List<GuardrailSpec> specs() {
        List<GuardrailSpec> read = specs;
        if (read == null) {
            read = GuardrailSpec.readAll(config.config().document().get("guardrails"));
            for (GuardrailSpec spec : read) {
                Guardrail bean = bean(spec.type());
                if (bean == null) {
                    throw new ConfigException("guardrails: '" + spec.name() + "' names guardrail type '" + spec.type()
                            + "', which no installed guardrail provides.");
                }
                try {
                    bean.validate(spec.params());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("guardrails: '" + spec.name() + "': " + e.getMessage());
                }
            }
            if (!read.isEmpty()) {
                List<String> names = read.stream().map(s -> s.name() + " (" + s.type() + ")").toList();
                LOG.info(() -> "Guardrails configured: " + String.join(", ", names));
            }
            specs = read;
        }
        return read;
    }

    /** Whether any guardrail is configured: without one, calls skip the guardrail steps entirely. */
    public boolean configured() {
        return !specs().isEmpty();
    }

    /**
     * The guardrails of one call.
     *
     * @param caller    a label safe to log
     * @param requested names the request or the caller's key/team asked for, in addition to the default ones
     */
    public GuardrailRun begin(String caller, Collection<String> requested) {
        List<GuardrailSpec> all = specs();
        List<GuardrailSpec> chosen = new ArrayList<>();
        requireKnown(requested, "guardrails");
        for (GuardrailSpec spec : all) {
            if (spec.defaultOn() || requested.contains(spec.name())) {
                chosen.add(spec);
            }
        }
        return new GuardrailRun(this, caller, chosen);
    }

    /**
     * Refuses, with a 400 naming {@code param}, a guardrail name the configuration does not define: checked
     * where a key or team is given guardrails, so the mistake is not found on each of its later calls.
     */
    public void requireKnown(Collection<String> names, String param) {
        List<GuardrailSpec> all = specs();
        for (String name : names) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                throw GatewayException.invalidRequest("Unknown guardrail '" + name + "': not in the gateway's"
                        + " configuration.", param);
            }
        }
    }

    Guardrail bean(String type) {
        return byType.computeIfAbsent(type, t -> {
            Instance<Guardrail> named = beans.select(NamedLiteral.of(t));
            return named.isResolvable() ? named.get() : null;
        });
    }

    static GatewayException violation(GuardrailSpec spec, Mode mode, String caller, String reason) {
        LOG.info(() -> "Guardrail '" + spec.name() + "' (" + mode.configName() + ") blocked a call from " + caller
                + ": " + reason);
        return new GatewayException(ErrorKind.GUARDRAIL_VIOLATION, "Violated guardrail policy: guardrail '"
                + spec.name() + "' " + reason, null, "400");
    }

    static GatewayException unavailable(GuardrailSpec spec, Mode mode, String caller, RuntimeException cause) {
        LOG.warning(() -> "Guardrail '" + spec.name() + "' (" + mode.configName() + ") failed for a call from "
                + caller + " and is fail-closed: " + cause.getClass().getSimpleName());
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "Guardrail '" + spec.name()
                + "' could not complete its check; the call was refused.", null, "guardrail_unavailable");
    }

    static void failedOpen(GuardrailSpec spec, Mode mode, String caller, RuntimeException cause) {
        LOG.warning(() -> "Guardrail '" + spec.name() + "' (" + mode.configName() + ") failed for a call from "
                + caller + " and is fail-open, so the call proceeds unchecked: " + cause.getClass().getSimpleName());
    }
}
