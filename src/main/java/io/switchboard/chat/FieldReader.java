package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;

/**
 * Reads typed fields of one JSON object of a client request, refusing wrong types with a 400 that
 * names the offending parameter by its full path ({@code messages[2].content}). Strict on purpose:
 * {@code "stream": "yes"} is an error, not {@code false}.
 */
public final class FieldReader {
    private final ObjectNode node;
    private final String path;

    public FieldReader(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw GatewayException.wrongType(path.isEmpty() ? "body" : path, "an object");
        }
        this.node = (ObjectNode) node;
        this.path = path;
    }

    public ObjectNode node() {
        return node;
    }

    public String param(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The field, or null when it is absent or JSON null. */
    public JsonNode get(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public String string(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw GatewayException.wrongType(param(name), "a string");
        }
        return value.textValue();
    }

    public String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw GatewayException.missing(param(name));
        }
        return value;
    }

    public Boolean bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw GatewayException.wrongType(param(name), "a boolean");
        }
        return value.booleanValue();
    }

    public Integer integer(String name, long min, long max) {
        Long value = longValue(name);
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            throw GatewayException.invalidRequest("Invalid '" + param(name) + "': " + value
                    + " is out of range; expected a value from " + min + " to " + max + ".", param(name));
        }
        return value.intValue();
    }

    public Long longValue(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw GatewayException.wrongType(param(name), "an integer");
        }
        return value.longValue();
    }

    public Double number(String name, double min, double max) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw GatewayException.wrongType(param(name), "a number");
        }
        double d = value.doubleValue();
        if (!(d >= min && d <= max)) {
            throw GatewayException.invalidRequest("Invalid '" + param(name) + "': " + value
                    + " is out of range; expected a value from " + min + " to " + max + ".", param(name));
        }
        return d;
    }

    public JsonNode object(String name) {
        JsonNode value = get(name);
        if (value != null && !value.isObject()) {
            throw GatewayException.wrongType(param(name), "an object");
        }
        return value;
    }

    /** The object's fields other than {@code typed}, in order, or null when there are none. */
    public ObjectNode fieldsOtherThan(java.util.Set<String> typed) {
        ObjectNode extra = null;
        for (var field : node.properties()) {
            if (!typed.contains(field.getKey())) {
                if (extra == null) {
                    extra = WireJson.object();
                }
                extra.set(field.getKey(), field.getValue());
            }
        }
        return extra;
    }

    public JsonNode array(String name) {
        JsonNode value = get(name);
        if (value != null && !value.isArray()) {
            throw GatewayException.wrongType(param(name), "an array");
        }
        return value;
    }
}
