package io.switchboard.chat;

import io.switchboard.guardrail.GuardrailCheck.Text;
import io.switchboard.guardrail.GuardrailRun;
import io.switchboard.guardrail.Mode;
import io.switchboard.guardrail.StreamGuard;
import io.switchboard.routing.Routed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One call after its pre-call guardrails: the request as they left it, and the steps still to come.
 * {@link #during} runs the upstream call beside the {@code during_call} guardrails and cancels it when
 * one blocks; {@link #postCall} and {@link #postCallStream} check (and unmask) the answer.
 */
public final class GuardedCall<T> {
    private final GuardrailRun run;
    private final T request;
    private final List<Text> sent;
    private final ExecutorService executor;

    GuardedCall(GuardrailRun run, T request, List<Text> sent, ExecutorService executor) {
        this.run = run;
        this.request = request;
        this.sent = sent;
        this.executor = executor;
    }

    /** The request to send: masked or otherwise rewritten by the pre-call guardrails. */
    public T request() {
        return request;
    }

    /**
     * Makes the upstream call; with {@code during_call} guardrails, on another thread while they check
     * the prompt here. A block interrupts the upstream call (closing a stream it may have opened) and
     * is thrown; otherwise the call's own result or failure is returned.
     */
    public <R> Routed<R> during(Supplier<Routed<R>> upstream) {
        if (run == null || !run.has(Mode.DURING_CALL)) {
            return upstream.get();
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<Routed<R>> call = executor.submit(() -> {
            Routed<R> routed = upstream.get();
            if (cancelled.get()) {
                closeQuietly(routed);
            }
            return routed;
        });
        try {
            run.duringCall(sent);
        } catch (RuntimeException blocked) {
            cancelled.set(true);
            call.cancel(true);
            throw blocked;
        }
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
            call.cancel(true);
            throw new IllegalStateException("interrupted while waiting for the upstream call", e);
        }
    }

    /** Runs the post-call guardrails on a complete answer's texts and restores masked values. */
    public Routed<ChatResponse> postCall(Routed<ChatResponse> routed) {
        if (run == null || !run.checksAnswers()) {
            return routed;
        }
        ChatResponse response = routed.value();
        List<Text> texts = new ArrayList<>();
        for (ChatResponse.Choice c : response.choices()) {
            texts.add(new Text("assistant", c.message() == null ? null : c.message().text()));
        }
        List<String> checked = run.postCall(texts);
        List<ChatResponse.Choice> choices = new ArrayList<>();
        for (int i = 0; i < response.choices().size(); i++) {
            ChatResponse.Choice c = response.choices().get(i);
            ChatMessage m = c.message();
            if (m != null && m.content() != null && checked.get(i) != null && !checked.get(i).equals(m.text())) {
                m = new ChatMessage(m.role(), new MessageContent.Text(checked.get(i)), m.name(), m.toolCalls(),
                        m.toolCallId(), m.refusal(), m.reasoningContent(), m.extra());
            }
            choices.add(new ChatResponse.Choice(c.index(), m, c.finishReason(), c.logprobs()));
        }
        return routed.map(r -> new ChatResponse(r.id(), r.created(), r.model(), r.systemFingerprint(), choices,
                r.usage()));
    }

    /** Sets the stream to pass through the post-call guardrails and unmasking as it is written. */
    public Routed<ChatStream> postCallStream(Routed<ChatStream> routed) {
        if (run == null || !run.checksAnswers()) {
            return routed;
        }
        StreamGuard guard = run.streamGuard();
        if (guard.active()) {
            routed.value().guardedBy(sink -> new GuardedSink(sink, guard));
        }
        return routed;
    }

    private static void closeQuietly(Routed<?> routed) {
        if (routed != null && routed.value() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // the stream was never handed to anyone; nothing else to release
            }
        }
    }
}
