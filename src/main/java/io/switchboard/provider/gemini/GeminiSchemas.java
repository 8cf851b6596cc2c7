package io.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.WireJson;
import java.util.Set;

/**
 * Turns a JSON schema (OpenAI tool {@code parameters}, {@code response_format.json_schema.schema}) into the
 * OpenAPI-subset {@code Schema} object Gemini takes for {@code parameters} and {@code responseSchema}
 * (ai.google.dev/api/caching#Schema). Gemini answers 400 INVALID_ARGUMENT on keys outside that subset, so this
 * keeps only the keys it documents and drops every other one, notably {@code additionalProperties},
 * {@code $schema}, {@code $id}, {@code $comment}, {@code allOf}, {@code not}, {@code examples},
 * {@code patternProperties}, {@code unevaluatedProperties} and OpenAI's {@code strict}. Some are rewritten rather
 * than lost: local {@code $ref}s ({@code #/$defs/…}, {@code #/definitions/…}, as Pydantic and most schema
 * generators emit) are inlined (a recursive one, past {@value #MAX_REF_DEPTH} levels, becomes a bare
 * {@code {"type":"object"}}); {@code oneOf} becomes {@code anyOf}; {@code const} a one-value {@code enum}; a
 * union type such as {@code ["string","null"]} becomes {@code type: "string", nullable: true}.
 */
final class GeminiSchemas {
    /** The Schema fields of the Generative Language API's reference. */
    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum",
            "maximum");

    static final int MAX_REF_DEPTH = 8;

    private GeminiSchemas() {
    }

    static JsonNode clean(JsonNode schema) {
        return clean(schema, schema, 0);
    }

    private static JsonNode clean(JsonNode schema, JsonNode root, int depth) {
        if (schema == null || !schema.isObject()) {
            return schema;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            JsonNode target = resolve(root, ref.textValue());
            if (target == null || depth >= MAX_REF_DEPTH) {
                return WireJson.object().put("type", "object");
            }
            return clean(target, root, depth + 1);
        }
        ObjectNode out = WireJson.object();
        for (var field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> writeType(out, value);
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    value.properties().forEach(p -> props.set(p.getKey(), clean(p.getValue(), root, depth)));
                }
                case "items" -> out.set("items", clean(value, root, depth));
                case "anyOf", "oneOf" -> {
                    ArrayNode any = out.withArray("anyOf");
                    value.forEach(v -> any.add(clean(v, root, depth)));
                }
                case "const" -> out.putArray("enum").add(value);
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value);
                    }
                }
            }
        }
        return out;
    }

    /** A local JSON pointer ({@code #/$defs/Name}); null for remote or unknown references. */
    private static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static void writeType(ObjectNode out, JsonNode type) {
        if (!type.isArray()) {
            out.set("type", type);
            return;
        }
        String single = null;
        for (JsonNode t : type) {
            if ("null".equals(t.asText())) {
                out.put("nullable", true);
            } else if (single == null) {
                single = t.asText();
            }
        }
        if (single != null) {
            out.put("type", single);
        }
    }
}
