package io.switchboard.chat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration for everything on the wire, client side and provider side.
 * Limits are set so that hostile input (deep nesting, huge numbers, duplicate keys) is refused
 * with a clear error instead of consuming the server.
 */
public final class WireJson {
    /** Deeper than any real chat request; deep enough for JSON schemas in tools. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(100)
                            .build()))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private WireJson() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static JsonGenerator generator(OutputStream out) {
        try {
            return MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders with a generator-writing function; for small documents such as upstream request bodies. */
    public static String render(GeneratorWriter writer) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
            writer.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String render(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a JSON document to a generator. */
    @FunctionalInterface
    public interface GeneratorWriter {
        void write(JsonGenerator gen) throws IOException;
    }
}
