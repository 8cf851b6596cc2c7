package io.switchboard.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of the YAML file together with where it is (line and dotted key path), so that every
 * typed read can fail with a message an operator can act on. A key that is not in the file is an
 * <em>absent</em> node: its typed reads return null, and it reports errors at its parent's line.
 *
 * <p>Typed reads accept numbers and booleans written as strings, because a value that comes from
 * {@code os.environ/NAME} is always a string ({@code rpm: os.environ/GPT4_RPM} must work).
 */
final class ConfigNode {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final int SHOWN_VALUE_CHARS = 60;
    /** Far beyond any sensible timeout, and within what a {@link Duration} of nanoseconds can hold. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(365L * 24 * 3600);

    private final String label;
    private final Node node;
    private final String path;
    private final int line;
    private final EnvironmentReferences env;
    private Map<String, ConfigNode> entries;

    private ConfigNode(String label, Node node, String path, int line, EnvironmentReferences env) {
        this.label = label;
        this.node = node;
        this.path = path;
        this.line = line;
        this.env = env;
    }

    static ConfigNode root(String label, Node node, EnvironmentReferences env) {
        return new ConfigNode(label, node, "", lineOf(node, 1), env);
    }

    /** The same node read with other {@code os.environ/} resolution rules. */
    ConfigNode withEnvironment(EnvironmentReferences other) {
        return new ConfigNode(label, node, path, line, other);
    }

    String path() {
        return path;
    }

    /** The underlying YAML node; null when absent. */
    Node yaml() {
        return node;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** Absent, or written as {@code ~}, {@code null} or nothing at all. */
    boolean isNull() {
        return node == null || node.getTag().equals(Tag.NULL);
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** Keys and values in file order; empty when the value is null, an error when it is not a mapping. */
    Map<String, ConfigNode> entries() {
        if (entries != null) {
            return entries;
        }
        if (isNull()) {
            return entries = Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw error("must be a mapping of keys to values, got " + describe());
        }
        Map<String, ConfigNode> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigNode(label, tuple.getKeyNode(), path, lineOf(tuple.getKeyNode(), line), env)
                        .error("has a key that is not a plain name (a list or mapping used as a key)");
            }
            String key = keyNode.getValue();
            // The key's line, not the value's: a block value starts on the next line, and an alias
            // value carries the line of its anchor, not of the place it is used.
            ConfigNode child = new ConfigNode(label, tuple.getValueNode(), childPath(key), lineOf(keyNode, line), env);
            // PyYAML silently keeps the last of two equal keys; that hides typos, so it is an error here.
            if (result.putIfAbsent(key, child) != null) {
                throw child.error("appears twice in the same mapping");
            }
        }
        return entries = Collections.unmodifiableMap(result);
    }

    /** The value under {@code key}, or an absent node when the key is not there. */
    ConfigNode get(String key) {
        ConfigNode child = entries().get(key);
        return child != null ? child : new ConfigNode(label, null, childPath(key), line, env);
    }

    /** The elements of a list; empty when the value is null, an error when it is not a list. */
    List<ConfigNode> elements() {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list, got " + describe());
        }
        List<ConfigNode> result = new ArrayList<>(sequence.getValue().size());
        for (Node element : sequence.getValue()) {
            result.add(new ConfigNode(label, element, path + "[" + result.size() + "]", lineOf(element, line), env));
        }
        return result;
    }

    /**
     * The scalar's text with {@code os.environ/NAME} resolved; null when null or when a lenient
     * load meets an unset variable. Any scalar is accepted ({@code organization: 123} is text).
     */
    String text() {
        if (isNull()) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw error("must be a single value, got " + describe());
        }
        String name = envReference();
        if (name == null) {
            return scalar.getValue();
        }
        if (name.isEmpty()) {
            throw error("is \"" + EnvironmentReferences.PREFIX + "\" without a variable name");
        }
        return env.value(name).orElseGet(() -> {
            if (env.lenient()) {
                return null;
            }
            throw error("refers to " + EnvironmentReferences.PREFIX + name + ", which is not set");
        });
    }

    String requiredText() {
        String text = text();
        if (text == null || text.isBlank()) {
            throw error(node == null ? "is required" : "must not be empty");
        }
        return text;
    }

    /** A whole number of at least {@code min}; null when absent. */
    Long wholeNumber(long min) {
        BigDecimal number = number("a whole number");
        if (number == null) {
            return null;
        }
        BigInteger whole;
        try {
            whole = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw error("must be a whole number, got " + describe());
        }
        if (whole.bitLength() > 63 || whole.longValue() < min) {
            throw error("must be a whole number of at least " + min + ", got " + describe());
        }
        return whole.longValue();
    }

    Integer smallWholeNumber(int min) {
        Long value = wholeNumber(min);
        if (value != null && value > Integer.MAX_VALUE) {
            throw error("must be at most " + Integer.MAX_VALUE + ", got " + describe());
        }
        return value == null ? null : value.intValue();
    }

    /** Seconds as LiteLLM writes them ({@code 30}, {@code 2.5}); must be positive; null when absent. */
    Duration seconds() {
        return seconds(false);
    }

    /** Seconds that may be zero, for settings where zero means "off" ({@code cooldown_time: 0}). */
    Duration secondsOrZero() {
        return seconds(true);
    }

    private Duration seconds(boolean zeroAllowed) {
        BigDecimal seconds = number("a number of seconds");
        if (seconds == null) {
            return null;
        }
        int lowest = zeroAllowed ? 0 : 1;
        if (seconds.signum() < lowest || seconds.compareTo(MAX_SECONDS) > 0) {
            throw error("must be a " + (zeroAllowed ? "non-negative" : "positive") + " number of seconds (at most "
                    + MAX_SECONDS + "), got " + describe());
        }
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** A finite number; null when absent. */
    BigDecimal number(String expected) {
        String text = text();
        if (text == null) {
            return null;
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.INT)) {
            return new BigDecimal(YamlToJson.integer(text));
        }
        if (tag.equals(Tag.FLOAT) || tag.equals(Tag.STR)) {
            try {
                return new BigDecimal(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                // falls through to the error below: .inf, .nan, "fast"
            }
        }
        throw error("must be " + expected + ", got " + describe());
    }

    /** {@code true}/{@code false} (any case, also as a string); null when absent. */
    Boolean bool() {
        String text = text();
        if (text == null) {
            return null;
        }
        if (node.getTag().equals(Tag.BOOL) || node.getTag().equals(Tag.STR)) {
            if (text.trim().equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.trim().equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw error("must be true or false, got " + describe());
    }

    /** An error at this value's line, naming its key path. */
    ConfigException error(String problem) {
        String subject = path.isEmpty() ? "the top level of the file" : path;
        return new ConfigException(label + " line " + line + ": " + subject + " " + problem);
    }

    /** The variable name when this scalar is exactly {@code os.environ/NAME}, else null. */
    String envReference() {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)
                ? EnvironmentReferences.referencedName(scalar.getValue())
                : null;
    }

    /**
     * The value as it appears in an error message. A value that came from the environment is named,
     * not shown: the variable might hold a secret that was put in the wrong place.
     */
    String describe() {
        if (isNull()) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String name = envReference();
        if (name != null) {
            return "the value of " + EnvironmentReferences.PREFIX + name;
        }
        String value = ((ScalarNode) node).getValue();
        if (value.length() > SHOWN_VALUE_CHARS) {
            value = value.substring(0, SHOWN_VALUE_CHARS) + "...";
        }
        return node.getTag().equals(Tag.STR) ? "\"" + value + "\"" : value;
    }

    private String childPath(String key) {
        String segment = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        return path.isEmpty() || segment.startsWith("[") ? path + segment : path + "." + segment;
    }

    private static int lineOf(Node yaml, int fallback) {
        return yaml == null ? fallback : yaml.getStartMark().map(m -> m.getLine() + 1).orElse(fallback);
    }
}
