package io.switchboard.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Entities to and from LiteLLM's snake_case JSON. Numbers are read as {@code BigDecimal}, so a
 * budget of 0.1 stays exactly 0.1; fields an entity marks {@code @JsonIgnore} (key hashes,
 * reservations, credential values) are never written. Public for the admin routes of other features
 * (spend reports), so every admin answer is written by the same mapper.
 */
public final class AdminJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            try {
                                return Instant.parse(p.getValueAsString());
                            } catch (DateTimeParseException e) {
                                throw new IOException("not an ISO-8601 instant");
                            }
                        }
                    }));

    private AdminJson() {
    }

    public static ObjectNode tree(Object entity) {
        return MAPPER.valueToTree(entity);
    }

    static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    public static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // falls through to the client error below; the parser's message may quote the body
        }
        throw new GatewayException(ErrorKind.INVALID_REQUEST, "The request body must be a JSON object.", null,
                "invalid_json");
    }

    /** A required, non-blank text field; its absence is a 400 naming the field. */
    public static String requiredText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "'" + field + "' is required.", field,
                    "missing_field");
        }
        return value.asText();
    }

    /** LiteLLM's answer to an update: {@code {<idField>: id, data: <the object as it is now>}}. */
    static ObjectNode updated(String idField, String id, JsonNode data) {
        ObjectNode answer = MAPPER.createObjectNode().put(idField, id);
        answer.set("data", data);
        return answer;
    }

    /** The answer of an admin route: the JSON as written by {@link #MAPPER}. */
    public static Response ok(JsonNode body) {
        try {
            // plain decimals: a cost of 0.00000035 is written as such, not as 3.5E-7
            return Response.ok(MAPPER.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsString(body), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** As {@link #apply}, one field at a time, so a value of the wrong type is a 400 naming its field. */
    static void applyEach(ObjectNode fields, Object entity) {
        fields.fields().forEachRemaining(e -> {
            try {
                ObjectNode one = MAPPER.createObjectNode();
                one.set(e.getKey(), e.getValue());
                MAPPER.readerForUpdating(entity).readValue((JsonNode) one);
            } catch (IOException | IllegalArgumentException wrong) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "Field '" + e.getKey()
                        + "' has a value of the wrong type.", e.getKey(), "invalid_field");
            }
        });
    }

    /** Copies {@code fields} onto {@code entity}; a value of the wrong type is the client's mistake. */
    static void apply(ObjectNode fields, Object entity) {
        try {
            MAPPER.readerForUpdating(entity).readValue(fields);
        } catch (JsonMappingException e) {
            // The path names the field; the message may quote the value, so it is not passed on.
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new GatewayException(ErrorKind.INVALID_REQUEST, field == null ? "A field has a value of the wrong"
                    + " type." : "Field '" + field + "' has a value of the wrong type.", field, "invalid_field");
        } catch (IOException e) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "A field has a value of the wrong type.", null,
                    "invalid_field");
        }
    }

    /**
     * Copies the fields of {@code body} named in {@code writable} onto {@code entity}; any other field,
     * unless the caller handles it itself, is refused by name rather than silently ignored.
     *
     * @param noun what the entity is, for the message ("a key", "a team")
     */
    static void applyWritable(ObjectNode body, Object entity, Set<String> writable, Set<String> handledElsewhere,
            String noun) {
        ObjectNode fields = MAPPER.createObjectNode();
        body.fields().forEachRemaining(e -> {
            if (writable.contains(e.getKey())) {
                fields.set(e.getKey(), e.getValue());
            } else if (!handledElsewhere.contains(e.getKey())) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "Field '" + e.getKey() + "' cannot be set on "
                        + noun + ".", e.getKey(), "unsupported_field");
            }
        });
        apply(fields, entity);
    }

    /** Refuses, by name, any field of {@code body} the request does not take. */
    static void requireOnly(ObjectNode body, Set<String> allowed) {
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "Field '" + name + "' is not part of this request.",
                        name, "invalid_field");
            }
        });
    }

    /** A non-empty list of strings, such as the ids of a delete. */
    public static List<String> requiredTextList(ObjectNode body, String field) {
        List<String> values = textList(body.get(field), field);
        if (values == null || values.isEmpty()) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "'" + field + "' must list at least one id.", field,
                    "missing_field");
        }
        return values;
    }

    /** @return the strings of an array, or null when the field is absent or null */
    static List<String> textList(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.isTextual() && !v.asText().isBlank() ? v.asText() : null));
        }
        if (!node.isArray() || values.contains(null)) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "'" + field + "' must be a list of strings.", field,
                    "invalid_field");
        }
        return values;
    }
}
