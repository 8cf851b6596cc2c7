package io.switchboard.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import java.io.IOException;

/** OpenAI's error object: {@code {"error":{"message","type","param","code"}}}, all four always present. */
final class ErrorBody {
    private ErrorBody() {
    }

    static String json(GatewayException e) {
        return WireJson.render(g -> write(g, e));
    }

    static void write(JsonGenerator g, GatewayException e) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeStringField("message", e.getMessage());
        g.writeStringField("type", e.kind().type());
        g.writeStringField("param", e.param());
        g.writeStringField("code", e.code());
        g.writeEndObject();
        g.writeEndObject();
    }
}
