package io.switchboard.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves LiteLLM's {@code os.environ/NAME} values. The config's own {@code environment_variables}
 * are consulted first, because LiteLLM exports them into the process environment before reading
 * the rest of the file; then the lookup the caller supplied (MicroProfile Config in production).
 *
 * @param fileVariables the config's {@code environment_variables}
 * @param lookup        the process environment, as the caller sees it
 * @param lenient       when true a missing variable resolves to null instead of failing the load
 */
record EnvironmentReferences(Map<String, String> fileVariables, Function<String, Optional<String>> lookup,
        boolean lenient) {
    static final String PREFIX = "os.environ/";

    EnvironmentReferences {
        fileVariables = Map.copyOf(fileVariables);
    }

    /** The variable a scalar refers to, or null when the scalar is not exactly {@code os.environ/NAME}. */
    static String referencedName(String scalar) {
        return scalar != null && scalar.startsWith(PREFIX) ? scalar.substring(PREFIX.length()) : null;
    }

    EnvironmentReferences withFileVariables(Map<String, String> variables) {
        return new EnvironmentReferences(variables, lookup, lenient);
    }

    /**
     * The variable's value. A blank value counts as unset: container tooling routinely passes
     * {@code NAME=} for variables the host lacks, and an empty key or master key is never meant.
     */
    Optional<String> value(String name) {
        String fromFile = fileVariables.get(name);
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(fromFile);
        }
        Optional<String> fromLookup = lookup.apply(name);
        return fromLookup == null ? Optional.empty() : fromLookup.filter(v -> !v.isBlank());
    }
}
