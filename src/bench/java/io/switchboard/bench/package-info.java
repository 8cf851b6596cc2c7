/**
 * The overhead benchmark (issue 7), compiled only with {@code mvn -Pbench}: a fast fake OpenAI
 * upstream, an open-loop HTTP driver that records latency from each request's intended send time
 * (so a stalled server cannot hide its stall, i.e. no coordinated omission), a {@code wrk} runner
 * for closed-loop and saturation figures, {@code /proc} sampling for CPU and memory, and the
 * orchestrator that measures the same requests sent directly to the fake and through the gateway
 * in one run and writes the results table. Run it with {@code src/bench/run-bench.sh}.
 */
package io.switchboard.bench;
