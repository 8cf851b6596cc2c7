/**
 * Who is calling: the master key (compared in constant time) or a virtual key (HMAC-SHA-256 hash,
 * looked up through a short-lived cache) resolved to a {@link io.switchboard.access.Caller} with the
 * key's team, user, role, model lists and limits; and which models a caller may use. Secrets are
 * never logged.
 */
package io.switchboard.access;
