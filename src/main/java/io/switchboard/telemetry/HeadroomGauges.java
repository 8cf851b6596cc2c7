package io.switchboard.telemetry;

import io.switchboard.ratelimit.Headroom;
import java.util.Comparator;
import java.util.List;

/**
 * Rate-limit headroom as gauges: what each limited party had left of its current minute at its last call.
 * A key's per-model limits use LiteLLM's names ({@code litellm_remaining_api_key_requests_for_model},
 * {@code ..._tokens_for_model}) so dashboards built on them work; LiteLLM has no gauge for key-wide, team,
 * user or organization limits, so those are Switchboard's ({@code switchboard_remaining_requests},
 * {@code switchboard_remaining_tokens}, by {@code scope} kind and id). End users are left out: their ids are
 * whatever clients send, and labels must stay bounded.
 */
final class HeadroomGauges {
    private HeadroomGauges() {
    }

    static void write(StringBuilder out, List<Headroom.Level> levels) {
        List<Headroom.Level> sorted = levels.stream().filter(l -> !l.scope().startsWith("end_user:"))
                .sorted(Comparator.comparing(Headroom.Level::scope)).toList();
        for (String window : List.of("rpm", "tpm")) {
            String what = window.equals("rpm") ? "requests" : "tokens";
            String perModel = "litellm_remaining_api_key_" + what + "_for_model";
            PrometheusText.header(out, perModel, "Remaining " + what + " this minute of a virtual key's limit for"
                    + " one model", "gauge");
            for (Headroom.Level l : sorted) {
                if (l.window().equals(window) && l.scope().startsWith("key_model:")) {
                    String id = l.scope().substring("key_model:".length());
                    int slash = id.indexOf('/');
                    out.append(perModel);
                    PrometheusText.labels(out, List.of("api_key_id", "model"), List.of(
                            GatewayMetrics.bounded(slash < 0 ? id : id.substring(0, slash)),
                            GatewayMetrics.bounded(slash < 0 ? "" : id.substring(slash + 1))), null, null);
                    out.append(' ').append(l.remaining()).append('\n');
                }
            }
            String own = "switchboard_remaining_" + what;
            PrometheusText.header(out, own, "Remaining " + what + " this minute of a key's, team's, user's or"
                    + " organization's limit", "gauge");
            for (Headroom.Level l : sorted) {
                if (l.window().equals(window) && !l.scope().startsWith("key_model:")) {
                    int colon = l.scope().indexOf(':');
                    out.append(own);
                    PrometheusText.labels(out, List.of("scope", "id"), List.of(l.scope().substring(0, colon),
                            GatewayMetrics.bounded(l.scope().substring(colon + 1))), null, null);
                    out.append(' ').append(l.remaining()).append('\n');
                }
            }
        }
    }
}
