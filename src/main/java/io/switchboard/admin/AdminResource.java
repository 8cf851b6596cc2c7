package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.access.Caller;
import io.switchboard.api.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What every admin resource shares: the caller {@link ApiKeyFilter} authenticated, and answers
 * written with Jackson (JSON-B would drop nulls and mangle BigDecimals).
 */
public abstract class AdminResource {
    @Context
    HttpServletRequest request;

    protected Caller caller() {
        return (Caller) request.getAttribute(ApiKeyFilter.CALLER);
    }

    protected static Response ok(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
