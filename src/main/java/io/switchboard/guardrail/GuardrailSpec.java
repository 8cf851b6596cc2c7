package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.ConfigException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the config's {@code guardrails:} list:
 * <pre>
 * guardrails:
 *   - guardrail_name: mask-pii
 *     litellm_params:
 *       guardrail: pii            # the bean's name
 *       mode: [pre_call, post_call]
 *       default_on: true
 *       ...                       # the guardrail's own settings
 * </pre>
 */
public record GuardrailSpec(String name, String type, Set<Mode> modes, boolean defaultOn, JsonNode params) {

    public boolean runs(Mode mode) {
        return modes.contains(mode);
    }

    /** Reads the list; a malformed entry stops start-up with a message naming its path. */
    static List<GuardrailSpec> readAll(JsonNode list) {
        List<GuardrailSpec> specs = new ArrayList<>();
        if (list == null || list.isNull() || list.isMissingNode()) {
            return specs;
        }
        if (!list.isArray()) {
            throw new ConfigException("guardrails: expected a list of guardrails.");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            GuardrailSpec spec = read(list.get(i), "guardrails[" + i + "]");
            if (!names.add(spec.name())) {
                throw new ConfigException("guardrails[" + i + "].guardrail_name: '" + spec.name()
                        + "' is used by an earlier guardrail; names must be unique.");
            }
            specs.add(spec);
        }
        return specs;
    }

    private static GuardrailSpec read(JsonNode entry, String path) {
        String name = entry.path("guardrail_name").asText("");
        if (name.isBlank()) {
            throw new ConfigException(path + ".guardrail_name: missing.");
        }
        JsonNode params = entry.path("litellm_params");
        if (!params.isObject()) {
            throw new ConfigException(path + ".litellm_params: missing (it names the guardrail and its mode).");
        }
        String type = params.path("guardrail").asText("");
        if (type.isBlank()) {
            throw new ConfigException(path + ".litellm_params.guardrail: missing.");
        }
        JsonNode default_ = params.path("default_on");
        if (!default_.isMissingNode() && !default_.isBoolean()) {
            throw new ConfigException(path + ".litellm_params.default_on: expected true or false.");
        }
        return new GuardrailSpec(name, type, modes(params.path("mode"), path + ".litellm_params.mode"),
                default_.asBoolean(false), params);
    }

    private static Set<Mode> modes(JsonNode mode, String path) {
        Set<Mode> modes = EnumSet.noneOf(Mode.class);
        List<JsonNode> items = new ArrayList<>();
        if (mode.isArray()) {
            mode.forEach(items::add);
        } else if (!mode.isMissingNode()) {
            items.add(mode);
        }
        for (JsonNode item : items) {
            Mode m = Mode.of(item.asText(""));
            if (m == null) {
                throw new ConfigException(path + ": '" + item.asText() + "' is not supported; use pre_call,"
                        + " during_call or post_call (or a list of them).");
            }
            modes.add(m);
        }
        if (modes.isEmpty()) {
            throw new ConfigException(path + ": missing; use pre_call, during_call or post_call.");
        }
        return modes;
    }
}
