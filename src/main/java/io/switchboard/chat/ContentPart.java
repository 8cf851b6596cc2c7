package io.switchboard.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One part of a multi-part message: text, an image, or any other part kept as sent. */
public sealed interface ContentPart {

    /**
     * A text part. {@code extra} holds the part's other fields as sent (Anthropic's {@code cache_control}),
     * for adapters whose providers understand them; null when there are none.
     */
    record TextPart(String text, ObjectNode extra) implements ContentPart {
        public TextPart(String text) {
            this(text, null);
        }
    }

    /** An image by URL or {@code data:} URL, with OpenAI's optional {@code detail} hint. */
    record ImagePart(String url, String detail) implements ContentPart {
    }

    /** A part the gateway passes on without interpreting ({@code input_audio}, {@code file}, ...). */
    record OtherPart(String type, ObjectNode raw) implements ContentPart {
    }
}
