/**
 * The provider SPI and the one place that does upstream I/O. Adapters (one sub-package per
 * provider dialect) are pure: they turn canonical requests into {@link io.switchboard.provider.UpstreamRequest}s
 * and provider responses and stream events back into canonical ones, and never open a socket,
 * read configuration or know about keys, budgets or routing. {@link io.switchboard.provider.UpstreamClient}
 * performs every call.
 */
package io.switchboard.provider;
