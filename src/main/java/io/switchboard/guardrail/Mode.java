package io.switchboard.guardrail;

/** When a guardrail runs, as LiteLLM's {@code litellm_params.mode} names it. */
public enum Mode {
    /** On the prompt, before the provider is called; may rewrite it. */
    PRE_CALL("pre_call"),
    /** On the prompt, while the provider is already answering; a block cancels the call. */
    DURING_CALL("during_call"),
    /** On the answer (for streams, the text accumulated so far). */
    POST_CALL("post_call");

    private final String configName;

    Mode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static Mode of(String name) {
        for (Mode m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
