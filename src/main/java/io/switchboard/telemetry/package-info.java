/**
 * What operators see of the gateway's calls without reading code: the access log, and (as they are
 * built) traces, metrics and callbacks. Everything here observes
 * {@link io.switchboard.call.RequestCompleted} off the request path and never records a secret.
 */
package io.switchboard.telemetry;
