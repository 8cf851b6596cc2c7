package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/**
 * An authorization matrix: every route tried as every role, each cell's HTTP status compared with the
 * expected one, the whole printed as a Markdown table (for the "must show"), then asserted, so
 * one run reports every wrong cell rather than the first.
 */
final class StatusMatrix {
    /** Tries {@code route} as {@code role} and answers the HTTP status. */
    @FunctionalInterface
    interface Cell {
        int status(String route, String role) throws Exception;
    }

    private StatusMatrix() {
    }

    /**
     * @param label    the log prefix, e.g. {@code organizations-it}
     * @param expected the expected statuses of each route, in {@code roles} order
     */
    static void check(String label, List<String> roles, Map<String, List<Integer>> expected, Cell cell)
            throws Exception {
        StringBuilder table = new StringBuilder("| route | " + String.join(" | ", roles) + " |\n|---|"
                + "---|".repeat(roles.size()) + "\n");
        StringBuilder mismatches = new StringBuilder();
        for (Map.Entry<String, List<Integer>> route : expected.entrySet()) {
            table.append("| ").append(route.getKey()).append(" |");
            for (int r = 0; r < roles.size(); r++) {
                int status = cell.status(route.getKey(), roles.get(r));
                int wanted = route.getValue().get(r);
                table.append(' ').append(status).append(status == wanted ? "" : " (expected " + wanted + ")")
                        .append(" |");
                if (status != wanted) {
                    mismatches.append(route.getKey()).append(" as ").append(roles.get(r)).append(": ").append(status)
                            .append('\n');
                }
            }
            table.append('\n');
        }
        System.out.println("[" + label + "] authorization matrix (HTTP status per route and role):\n" + table);
        assertEquals("", mismatches.toString());
    }
}
