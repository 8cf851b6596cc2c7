package io.switchboard.telemetry;

/**
 * The callback SPI: a CDI bean implementing this hears of every finished LLM call, as LiteLLM's
 * custom loggers do ({@code async_log_success_event} / {@code async_log_failure_event}). Each
 * callback gets its own bounded queue and worker thread ({@link CallbackDispatcher}), so a slow,
 * hanging or throwing callback delays nothing but itself and never fails a request; when its queue
 * is full, events for it are dropped and counted.
 */
public interface CallCallback {
    /** A short name for logs and metrics. */
    String name();

    /** False turns the callback off (for example when its config is absent); it then receives nothing. */
    default boolean enabled() {
        return true;
    }

    void onSuccess(CallbackEvent event) throws Exception;

    void onFailure(CallbackEvent event) throws Exception;
}
