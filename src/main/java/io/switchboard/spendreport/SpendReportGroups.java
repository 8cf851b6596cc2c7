package io.switchboard.spendreport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.admin.AdminJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The groupings of {@code /global/spend/report} and how totals nest in LiteLLM's shape: one entry per
 * day ({@code group_by_day}), in it one per group ({@code teams}, {@code customers} or {@code api_keys}),
 * each with its {@code total_spend} and a per-model breakdown ({@code metadata}). Totals are sums of
 * the exact per-row costs, so they equal the spend-log rows to the last digit.
 */
enum SpendReportGroups {
    TEAM("team_id", "teams", "team_name"),
    CUSTOMER("end_user", "customers", "customer"),
    API_KEY("key_id", "api_keys", "api_key");

    /** The {@code spend_log} column grouped on; a fixed name, never taken from the request. */
    final String column;
    private final String listField;
    private final String nameField;

    SpendReportGroups(String column, String listField, String nameField) {
        this.column = column;
        this.listField = listField;
        this.nameField = nameField;
    }

    static SpendReportGroups parse(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return TEAM; // LiteLLM's default
        }
        for (SpendReportGroups g : values()) {
            if (g.name().toLowerCase(Locale.ROOT).equals(groupBy.trim())) {
                return g;
            }
        }
        throw new GatewayException(ErrorKind.INVALID_REQUEST, "group_by must be team, customer or api_key.",
                "group_by", "invalid_group_by");
    }

    /** One aggregated row of the report query: a day, a group (null when the calls had none) and a model. */
    record Total(LocalDate day, String group, String model, BigDecimal spend, long totalTokens) {
    }

    /** Nests rows ordered by day, group and model into the report. */
    ArrayNode nest(List<Total> rows) {
        Map<LocalDate, Map<String, List<Total>>> byDay = new LinkedHashMap<>();
        for (Total t : rows) {
            byDay.computeIfAbsent(t.day(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(t.group(), g -> new java.util.ArrayList<>()).add(t);
        }
        ArrayNode report = AdminJson.MAPPER.createArrayNode();
        byDay.forEach((day, groups) -> {
            ObjectNode entry = report.addObject();
            entry.put("group_by_day", day.toString());
            ArrayNode list = entry.putArray(listField);
            groups.forEach((group, models) -> {
                ObjectNode g = list.addObject();
                g.put(nameField, group);
                g.put("total_spend", models.stream().map(Total::spend).reduce(BigDecimal.ZERO, BigDecimal::add));
                ArrayNode perModel = g.putArray("metadata");
                models.forEach(m -> perModel.addObject().put("model", m.model()).put("spend", m.spend())
                        .put("total_tokens", m.totalTokens()));
            });
        });
        return report;
    }
}
