package io.switchboard.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** OpenAI's paths sit at the root: {@code /v1/chat/completions}, and LiteLLM's {@code /chat/completions}. */
@ApplicationPath("/")
public class SwitchboardApplication extends Application {
}
