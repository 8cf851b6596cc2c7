package io.switchboard.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.governance.VirtualKey;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ledger has settled for a party: its {@code spend_account} row, the figure every call updates
 * and budgets are enforced on. The admin views show it as {@code spend}; the entity rows' own
 * {@code spend} columns are never moved by calls.
 */
final class SettledSpend {
    private static final int KEYS_A_QUERY = 500;

    private SettledSpend() {
    }

    /**
     * @param kind the ledger's party kind ({@code key}, {@code team}, {@code user}, {@code organization},
     *             {@code team_member}, {@code org_member})
     */
    static BigDecimal of(EntityManager em, String kind, String id) {
        List<?> spend = em.createNativeQuery("SELECT spend FROM spend_account WHERE entity_kind = ?1"
                + " AND entity_id = ?2").setParameter(1, kind).setParameter(2, id).getResultList();
        return spend.isEmpty() ? BigDecimal.ZERO : ((BigDecimal) spend.get(0)).stripTrailingZeros();
    }

    /** {@code row} with its {@code spend} replaced by the ledger's figure for the party. */
    static ObjectNode shown(EntityManager em, ObjectNode row, String kind, String id) {
        return row.put("spend", of(em, kind, id));
    }

    /** A key as the admin routes list it: its row with the ledger's spend. */
    static ObjectNode key(EntityManager em, VirtualKey key) {
        return shown(em, AdminJson.tree(key), "key", key.keyId);
    }

    /**
     * The settled spend of the given keys by key id, a few hundred keys a query: {@code /key/list} shows them
     * all, and a query per key would make a listing of thousands of keys thousands of round trips, while
     * reading every key's row would make a user's listing of their own few keys read the whole ledger.
     */
    static Map<String, BigDecimal> ofKeys(EntityManager em, List<String> keyIds) {
        Map<String, BigDecimal> spend = new HashMap<>();
        for (int from = 0; from < keyIds.size(); from += KEYS_A_QUERY) {
            List<String> chunk = keyIds.subList(from, Math.min(keyIds.size(), from + KEYS_A_QUERY));
            StringBuilder sql = new StringBuilder("SELECT entity_id, spend FROM spend_account WHERE entity_kind = 'key'"
                    + " AND entity_id IN (");
            for (int i = 1; i <= chunk.size(); i++) {
                sql.append(i == 1 ? "?" : ", ?").append(i);
            }
            var query = em.createNativeQuery(sql.append(')').toString());
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(i + 1, chunk.get(i));
            }
            for (Object row : query.getResultList()) {
                Object[] columns = (Object[]) row;
                spend.put((String) columns[0], ((BigDecimal) columns[1]).stripTrailingZeros());
            }
        }
        return spend;
    }

    /** A key with its spend taken from {@link #ofKeys}. */
    static ObjectNode key(VirtualKey key, Map<String, BigDecimal> settled) {
        return AdminJson.tree(key).put("spend", settled.getOrDefault(key.keyId, BigDecimal.ZERO));
    }
}
