/**
 * LiteLLM's admin API over the governance tables ({@code /key/*}, {@code /team/*}, {@code /user/*},
 * {@code /customer/*}, {@code /budget/*}), with authorization in the services ({@link io.switchboard.admin.KeyPolicy},
 * {@link io.switchboard.admin.TeamPolicy}, {@link io.switchboard.admin.UserPolicy}, {@link io.switchboard.admin.AdminRoles}),
 * not only at the route: a caller never grants more than it holds, never reaches another team's objects and never
 * raises its own role. Every change writes an audit row in the change's own transaction.
 */
package io.switchboard.admin;
