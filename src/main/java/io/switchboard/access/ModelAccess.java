package io.switchboard.access;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.util.List;

/**
 * Whether a caller may use a model group, checked before routing. A key's list may name models,
 * wildcards ({@code openai/*}, {@code *}), {@code all-team-models} (the team's list) or
 * {@code all-proxy-models}; an empty key list means the team's list; an empty team list means every
 * model. The user's list, when set, must allow the model too. A refusal is 403 (the key is valid,
 * the model is not granted to it; LiteLLM answers 401 here, which SDKs would treat as a bad key).
 */
public final class ModelAccess {
    private ModelAccess() {
    }

    public static void require(Caller caller, String model) {
        if (caller == null || caller.key() == null || model == null) {
            return;
        }
        if (!allowed(caller.key(), model)) {
            throw new GatewayException(ErrorKind.PERMISSION, "This key is not allowed to access model '" + model
                    + "'.", "model", "model_not_allowed");
        }
    }

    public static boolean allowed(KeyIdentity key, String model) {
        List<String> keyModels = key.models();
        boolean byKey = keyModels.isEmpty() || keyModels.contains("all-team-models")
                ? matchesOrEmpty(key.teamModels(), model)
                : matches(keyModels, model) && (key.teamId() == null || matchesOrEmpty(key.teamModels(), model));
        return byKey && matchesOrEmpty(key.userModels(), model);
    }

    private static boolean matchesOrEmpty(List<String> list, String model) {
        return list.isEmpty() || matches(list, model);
    }

    /** Whether {@code list} grants {@code model}. */
    public static boolean matches(List<String> list, String model) {
        for (String entry : list) {
            if (entry.equals(model) || entry.equals("*") || entry.equals("all-proxy-models")
                    || (entry.endsWith("*") && model.startsWith(entry.substring(0, entry.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
