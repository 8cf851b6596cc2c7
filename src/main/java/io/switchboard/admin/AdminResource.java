package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.access.Caller;
import io.switchboard.api.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * What every admin resource shares: the caller {@link ApiKeyFilter} authenticated, and answers
 * written with Jackson (JSON-B would drop nulls and mangle BigDecimals), decimals plain.
 */
public abstract class AdminResource {
    @Context
    HttpServletRequest request;

    protected Caller caller() {
        return (Caller) request.getAttribute(ApiKeyFilter.CALLER);
    }

    protected static Response ok(JsonNode body) {
        return AdminJson.ok(body);
    }
}
