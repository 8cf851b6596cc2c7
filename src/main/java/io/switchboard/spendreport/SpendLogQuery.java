package io.switchboard.spendreport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.admin.AdminJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code spend_log} rows for {@code /spend/logs}, filtered and scoped in SQL, and writes them with
 * LiteLLM's field names. {@code api_key} is the key's public id (the ledger never stores a key or its
 * hash); prompts and answers are not stored, so no row carries them. At most {@value #LIMIT} rows are
 * answered: a wider query is a 400 asking for a narrower range, never a silently cut list.
 */
final class SpendLogQuery {
    static final int LIMIT = 10_000;
    private static final String COLUMNS = "request_id, key_id, team_id, user_id, org_id, end_user, route,"
            + " model_group, deployment_id, provider, upstream_model, prompt_tokens, completion_tokens,"
            + " cached_tokens, reasoning_tokens, cost, started_at, first_token_at, ended_at, status, http_status,"
            + " cache_hit, tokens_estimated";

    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> args = new ArrayList<>();

    SpendLogQuery equal(String column, String value) {
        if (value != null) {
            args.add(value);
            where.append(" AND ").append(column).append(" = ?").append(args.size());
        }
        return this;
    }

    SpendLogQuery within(ReportDates dates) {
        if (dates.from() != null) {
            args.add(Timestamp.from(dates.from()));
            where.append(" AND started_at >= ?").append(args.size());
        }
        if (dates.until() != null) {
            args.add(Timestamp.from(dates.until()));
            where.append(" AND started_at < ?").append(args.size());
        }
        return this;
    }

    SpendLogQuery scoped(SpendLogScope scope) {
        if (scope.everything()) {
            return this;
        }
        List<String> alternatives = new ArrayList<>();
        if (scope.userId() != null) {
            args.add(scope.userId());
            alternatives.add("user_id = ?" + args.size());
        }
        for (String team : scope.teamIds()) {
            args.add(team);
            alternatives.add("team_id = ?" + args.size());
        }
        where.append(" AND (").append(String.join(" OR ", alternatives)).append(")");
        return this;
    }

    ArrayNode run(EntityManager em) {
        Query query = em.createNativeQuery("SELECT " + COLUMNS + " FROM spend_log" + where
                + " ORDER BY started_at, request_id");
        for (int i = 0; i < args.size(); i++) {
            query.setParameter(i + 1, args.get(i));
        }
        List<?> rows = query.setMaxResults(LIMIT + 1).getResultList();
        if (rows.size() > LIMIT) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "More than " + LIMIT + " spend-log rows match;"
                    + " narrow start_date and end_date or filter by api_key or user_id.", "start_date",
                    "too_many_rows");
        }
        ArrayNode answer = AdminJson.MAPPER.createArrayNode();
        rows.forEach(row -> answer.add(toJson((Object[]) row)));
        return answer;
    }

    private static ObjectNode toJson(Object[] r) {
        ObjectNode row = AdminJson.MAPPER.createObjectNode();
        long prompt = number(r[11]);
        long completion = number(r[12]);
        row.put("request_id", (String) r[0]);
        row.put("call_type", (String) r[6]);
        row.put("api_key", (String) r[1]);
        row.put("spend", (BigDecimal) r[15]);
        row.put("total_tokens", prompt + completion);
        row.put("prompt_tokens", prompt);
        row.put("completion_tokens", completion);
        row.put("cached_tokens", number(r[13]));
        row.put("reasoning_tokens", number(r[14]));
        row.put("startTime", instant(r[16]));
        row.put("completionStartTime", instant(r[17]));
        row.put("endTime", instant(r[18]));
        row.put("model", (String) r[10]);
        row.put("model_group", (String) r[7]);
        row.put("model_id", (String) r[8]);
        row.put("custom_llm_provider", (String) r[9]);
        row.put("user", (String) r[3]);
        row.put("end_user", (String) r[5]);
        row.put("team_id", (String) r[2]);
        row.put("organization_id", (String) r[4]);
        row.put("status", (String) r[19]);
        row.put("http_status", number(r[20]));
        row.put("cache_hit", number(r[21]) != 0);
        row.put("tokens_estimated", number(r[22]) != 0);
        return row;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static String instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant().toString();
    }
}
