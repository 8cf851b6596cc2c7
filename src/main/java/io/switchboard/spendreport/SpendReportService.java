package io.switchboard.spendreport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyHashing;
import io.switchboard.admin.AdminJson;
import io.switchboard.admin.AdminRoles;
import io.switchboard.governance.Database;
import io.switchboard.governance.VirtualKey;
import io.switchboard.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The spend routes' work, authorization included ({@link SpendLogScope} for the logs, proxy admin or
 * viewer for the rest). Days are the server's zone, the zone the ledger's timestamps are written in.
 */
@ApplicationScoped
public class SpendReportService {
    /** LiteLLM's report window when no start is given. */
    private static final int DEFAULT_REPORT_DAYS = 30;

    @Inject
    Database database;

    @Inject
    ModelCatalog catalog;

    @Inject
    ApiKeyAuthenticator authenticator;

    public ArrayNode logs(Caller caller, String apiKey, String userId, String teamId, String requestId,
            String startDate, String endDate) {
        SpendLogScope scope = SpendLogScope.of(caller);
        ReportDates dates = ReportDates.parse(startDate, endDate, ZoneId.systemDefault());
        scope.requireUser(userId);
        scope.requireTeam(teamId);
        return database.read(em -> new SpendLogQuery()
                .equal("key_id", apiKey == null ? null : keyId(em, scope, apiKey.trim()))
                .equal("user_id", userId).equal("team_id", teamId).equal("request_id", requestId)
                .within(dates).scoped(scope).run(em));
    }

    public ArrayNode report(Caller caller, String startDate, String endDate, String groupBy) {
        AdminRoles.requireProxyReader(caller);
        SpendReportGroups groups = SpendReportGroups.parse(groupBy);
        ReportDates dates = ReportDates.parseWithDefault(startDate, endDate, ZoneId.systemDefault(),
                DEFAULT_REPORT_DAYS, LocalDate.now());
        String day = "CAST(started_at AS DATE)";
        String sql = "SELECT " + day + ", " + groups.column + ", model_group, SUM(cost),"
                + " SUM(prompt_tokens + completion_tokens) FROM spend_log WHERE started_at >= ?1 AND started_at < ?2"
                + " GROUP BY " + day + ", " + groups.column + ", model_group ORDER BY 1, 2, 3";
        List<?> rows = database.read(em -> em.createNativeQuery(sql).setParameter(1, Timestamp.from(dates.from()))
                .setParameter(2, Timestamp.from(dates.until())).getResultList());
        List<SpendReportGroups.Total> totals = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            totals.add(new SpendReportGroups.Total(((Date) r[0]).toLocalDate(), (String) r[1], (String) r[2],
                    (BigDecimal) r[3], ((Number) r[4]).longValue()));
        }
        return groups.nest(totals);
    }

    public ObjectNode calculate(Caller caller, ObjectNode body) {
        AdminRoles.requireProxyReader(caller);
        BigDecimal cost = CallCost.of(body, model -> catalog.resolve(model).get(0).deployment().facts());
        return AdminJson.MAPPER.createObjectNode().put("cost", cost);
    }

    /**
     * The public id behind an {@code api_key} filter: a key id as given, or a key ({@code sk-...}) looked
     * up by its hash. A key that exists must be within the caller's scope.
     */
    private String keyId(EntityManager em, SpendLogScope scope, String ref) {
        VirtualKey key;
        if (ref.startsWith("sk-")) {
            KeyHashing hashing = authenticator.hashing();
            key = hashing == null ? null : em.find(VirtualKey.class, hashing.hash(ref));
            if (key == null) {
                throw new GatewayException(ErrorKind.NOT_FOUND, "No such key.", "api_key", "key_not_found");
            }
        } else {
            key = em.createQuery("select k from VirtualKey k where k.keyId = :id", VirtualKey.class)
                    .setParameter("id", ref).getResultStream().findFirst().orElse(null);
        }
        if (key != null) {
            scope.requireKey(key.userId, key.teamId);
            return key.keyId;
        }
        return ref; // a deleted key's rows stay readable by its id, within the scope
    }
}
