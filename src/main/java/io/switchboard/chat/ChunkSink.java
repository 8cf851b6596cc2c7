package io.switchboard.chat;

import io.switchboard.GatewayException;
import java.io.IOException;

/**
 * Where a stream's canonical chunks go (the client's SSE response). An {@link IOException} from any
 * method means the client went away; the stream then stops and releases its upstream connection.
 */
public interface ChunkSink {

    void chunk(ChatChunk chunk, boolean withUsageField) throws IOException;

    /** Ends the stream with an error event: the response has already started, so no status can change. */
    void error(GatewayException error) throws IOException;

    /** Ends the stream normally ({@code data: [DONE]}). */
    void done() throws IOException;
}
