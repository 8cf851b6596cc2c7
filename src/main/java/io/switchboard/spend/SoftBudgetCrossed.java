package io.switchboard.spend;

/**
 * A party's spend reached its soft budget (once per budget window): an alert, the call is still served.
 * Observe it for notifications (Slack, e-mail, webhooks).
 */
public record SoftBudgetCrossed(Payer.Kind kind, String id) {
}
