package io.switchboard.call;

/** How a call ended, as its client experienced it. */
public enum Outcome {
    /** A complete answer: the JSON body, or a stream that ended with {@code [DONE]}. */
    SUCCESS,
    /** An error response before any answer was sent. */
    FAILED,
    /** A stream that had started and ended with an error event; what was generated is still billed. */
    STREAM_FAILED,
    /** The client went away while its stream was being written; what was generated is still billed. */
    CLIENT_DISCONNECTED
}
