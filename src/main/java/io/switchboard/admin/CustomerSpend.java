package io.switchboard.admin;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What customers have spent, from the ledger's {@code spend_account} rows (kind {@code end_user}): calls
 * are settled there, atomically with their spend-log rows, so it is the figure budgets are enforced on.
 * The {@code spend} column of {@code sb_end_users} is not maintained by the request path.
 */
final class CustomerSpend {
    private static final String SQL = "SELECT entity_id, spend FROM spend_account WHERE entity_kind = 'end_user'";

    private CustomerSpend() {
    }

    static Map<String, BigDecimal> of(EntityManager em, List<String> ids) {
        Map<String, BigDecimal> spend = new HashMap<>();
        for (String id : ids) {
            collect(em.createNativeQuery(SQL + " AND entity_id = ?1").setParameter(1, id).getResultList(), spend);
        }
        return spend;
    }

    static Map<String, BigDecimal> all(EntityManager em) {
        Map<String, BigDecimal> spend = new HashMap<>();
        collect(em.createNativeQuery(SQL).getResultList(), spend);
        return spend;
    }

    private static void collect(List<?> rows, Map<String, BigDecimal> into) {
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            into.put((String) columns[0], ((BigDecimal) columns[1]).stripTrailingZeros());
        }
    }
}
