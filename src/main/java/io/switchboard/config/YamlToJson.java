package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns YAML values into Jackson trees, so sections this version does not interpret stay readable
 * by later features without parsing the file again. Floats become exact {@link DecimalNode}s
 * because prices such as {@code input_cost_per_token: 0.0000025} must not pick up binary rounding.
 */
final class YamlToJson {
    /** Deeper than any real config, and shallow enough that the recursion cannot overflow the stack. */
    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private YamlToJson() {
    }

    /** The value with every {@code os.environ/NAME} replaced by the variable's value. */
    static JsonNode resolved(ConfigNode value) {
        return convert(value, true, new IdentityHashMap<>());
    }

    /** The value as written, {@code os.environ/NAME} left as text: safe to hash into an id. */
    static JsonNode asWritten(ConfigNode value) {
        return convert(value, false, new IdentityHashMap<>());
    }

    /** A YAML 1.2 core-schema integer: decimal with optional sign, {@code 0x..} or {@code 0o..}. */
    static BigInteger integer(String text) {
        String digits = text.replace("_", "");
        if (digits.startsWith("0x")) {
            return new BigInteger(digits.substring(2), 16);
        }
        if (digits.startsWith("0o")) {
            return new BigInteger(digits.substring(2), 8);
        }
        return new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
    }

    /** @param ancestors the collections being converted above this one, to catch an alias to an ancestor */
    private static JsonNode convert(ConfigNode value, boolean resolve, Map<Node, Boolean> ancestors) {
        if (value.isNull()) {
            return NullNode.instance;
        }
        if (value.isScalar()) {
            return scalar(value, resolve);
        }
        if (ancestors.size() > MAX_DEPTH) {
            throw value.error("is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (ancestors.put(value.yaml(), Boolean.TRUE) != null) {
            throw value.error("is an alias (*name) of a value that contains it, which has no end");
        }
        JsonNode result;
        if (value.yaml() instanceof SequenceNode) {
            ArrayNode array = JSON.arrayNode();
            for (ConfigNode element : value.elements()) {
                array.add(convert(element, resolve, ancestors));
            }
            result = array;
        } else {
            ObjectNode object = JSON.objectNode();
            for (Map.Entry<String, ConfigNode> entry : value.entries().entrySet()) {
                object.set(entry.getKey(), convert(entry.getValue(), resolve, ancestors));
            }
            result = object;
        }
        ancestors.remove(value.yaml());
        return result;
    }

    private static JsonNode scalar(ConfigNode value, boolean resolve) {
        ScalarNode scalar = (ScalarNode) value.yaml();
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag.equals(Tag.BOOL)) {
            return BooleanNode.valueOf(text.equalsIgnoreCase("true"));
        }
        if (tag.equals(Tag.INT)) {
            BigInteger number = integer(text);
            if (number.bitLength() < 32) {
                return IntNode.valueOf(number.intValue());
            }
            return number.bitLength() < 64 ? LongNode.valueOf(number.longValue()) : BigIntegerNode.valueOf(number);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(text);
        }
        if (resolve && value.envReference() != null) {
            String resolved = value.text();
            return resolved == null ? NullNode.instance : TextNode.valueOf(resolved);
        }
        // Strings, and values with explicit tags (!!binary, !custom) which have no JSON equivalent.
        return TextNode.valueOf(text);
    }

    private static JsonNode floating(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return DoubleNode.valueOf(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals(".nan")) {
            return DoubleNode.valueOf(Double.NaN);
        }
        return DecimalNode.valueOf(new BigDecimal(text.replace("_", "")));
    }
}
