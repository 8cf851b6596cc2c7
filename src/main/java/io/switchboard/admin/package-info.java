/**
 * LiteLLM's admin API over the governance tables ({@code /key/*}, {@code /customer/*},
 * {@code /budget/*}), with authorization in the
 * services ({@link io.switchboard.admin.KeyPolicy}), not only at the route: a caller never grants
 * more than it holds and never reaches another team's objects. Every change writes an audit row.
 */
package io.switchboard.admin;
