package io.switchboard.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import java.util.Map;

/** JSON text columns (model lists, metadata, per-model limits) as typed entity fields. */
public final class JsonColumns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be stored as JSON", e);
        }
    }

    static <T> T read(String text, TypeReference<T> type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON column is not valid JSON", e);
        }
    }

    /** A list of strings (models, tags, routes, guardrails). */
    @Converter
    public static class StringList implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value);
        }

        @Override
        public List<String> convertToEntityAttribute(String text) {
            return read(text, new TypeReference<List<String>>() { });
        }
    }

    /** An object (metadata, per-model budgets and limits, litellm_params). */
    @Converter
    public static class ObjectMap implements AttributeConverter<Map<String, Object>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, Object> value) {
            return write(value);
        }

        @Override
        public Map<String, Object> convertToEntityAttribute(String text) {
            return read(text, new TypeReference<Map<String, Object>>() { });
        }
    }
}
