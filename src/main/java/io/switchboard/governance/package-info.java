/**
 * Governance storage: the JPA entities of virtual keys, teams, memberships, users, organizations,
 * end users, budgets, the audit log and stored deployments/credentials (spend rows are the ledger's
 * own {@code spend_log} table, written with JDBC by the spend package); the database
 * (embedded Derby by default, PostgreSQL from {@code DATABASE_URL}) and its Flyway migrations from
 * {@code sql/}. Money columns are {@link java.math.BigDecimal}; JSON documents are typed fields
 * stored as JSON text through converters.
 */
package io.switchboard.governance;
