/**
 * The life of one LLM call as the rest of the gateway sees it once it is over: the
 * {@link io.switchboard.call.RequestCompleted} event, fired once per call that reached an LLM route,
 * and observed asynchronously by spend, audit, metrics, logs and callbacks, so none of them sits on
 * the request path.
 */
package io.switchboard.call;
