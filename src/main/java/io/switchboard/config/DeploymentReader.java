package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads one {@code model_list} entry into a {@link DeploymentConfig}. */
final class DeploymentReader {
    /** LiteLLM's rule for {@code model: gpt-4o}: a bare name is an OpenAI model. */
    static final String DEFAULT_PROVIDER = "openai";

    private DeploymentReader() {
    }

    static DeploymentConfig read(ConfigNode entry) {
        if (!entry.isMapping()) {
            throw entry.error("must be a mapping with model_name and litellm_params, got " + entry.describe());
        }
        String modelName = entry.get("model_name").requiredText().trim();
        ConfigNode params = entry.get("litellm_params");
        if (params.isNull()) {
            throw params.error("is required (it says which upstream model serves " + modelName + ")");
        }
        params.entries();
        ConfigNode model = params.get("model");
        String modelId = model.requiredText().trim();
        int slash = modelId.indexOf('/');
        String provider = slash < 0 ? DEFAULT_PROVIDER : modelId.substring(0, slash);
        String upstreamModel = slash < 0 ? modelId : modelId.substring(slash + 1);
        if (provider.isBlank() || upstreamModel.isBlank()) {
            throw model.error("must look like provider/model (for example openai/gpt-4o), got " + model.describe());
        }
        ConfigNode info = entry.get("model_info");
        JsonNode modelInfo = info.isNull() ? JsonNodeFactory.instance.objectNode() : modelInfo(info);
        String explicitId = info.get("id").text();
        String id = explicitId != null && !explicitId.isBlank() ? explicitId.trim() : derivedId(modelName, params);
        return new DeploymentConfig(id, modelName, provider, upstreamModel,
                blankToNull(params.get("api_key").text()),
                blankToNull(params.get("api_base").text()),
                blankToNull(params.get("api_version").text()),
                params.get("timeout").seconds(),
                params.get("stream_timeout").seconds(),
                params.get("max_retries").smallWholeNumber(0),
                params.get("rpm").wholeNumber(0),
                params.get("tpm").wholeNumber(0),
                params.get("weight").smallWholeNumber(0),
                params.get("order").smallWholeNumber(0),
                modelInfo,
                extraParams(params),
                SettingsReader.groupList(params.get("tags")));
    }

    /** True when the entry names its own id, which must then be unique in the file. */
    static boolean hasExplicitId(ConfigNode entry) {
        String id = entry.get("model_info").get("id").text();
        return id != null && !id.isBlank();
    }

    private static JsonNode modelInfo(ConfigNode info) {
        info.entries();
        return YamlToJson.resolved(info);
    }

    private static Map<String, JsonNode> extraParams(ConfigNode params) {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        params.entries().forEach((key, value) -> {
            if (!SupportedKeys.TYPED_LITELLM_PARAMS.contains(key)) {
                extra.put(key, YamlToJson.resolved(value));
            }
        });
        return extra;
    }

    /**
     * A stable id when the entry gives none, as LiteLLM derives one: a hash of the model name and
     * {@code litellm_params}. The params are hashed as written, so an {@code os.environ/} key
     * contributes its reference, not its value (the id survives key rotation); a literal key goes in
     * only through SHA-256, so the id reveals nothing of it, yet two deployments differing only by
     * key still get different ids.
     */
    static String derivedId(String modelName, ConfigNode params) {
        String canonical = modelName + "\u0000" + sortedKeys(YamlToJson.asWritten(params));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Key order must not change the id: {@code {a, b}} and {@code {b, a}} are the same params. */
    private static JsonNode sortedKeys(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortedKeys(e.getValue())));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            var result = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> result.add(sortedKeys(element)));
            return result;
        }
        return node;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
