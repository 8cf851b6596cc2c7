package io.switchboard.chat;

import java.util.List;
import java.util.stream.Collectors;

/** A message's content: a plain string or a list of typed parts, kept in the form the client used. */
public sealed interface MessageContent {

    /** The text of the content; for parts, the text parts joined without separator. */
    String text();

    record Text(String value) implements MessageContent {
        @Override
        public String text() {
            return value;
        }
    }

    record Parts(List<ContentPart> parts) implements MessageContent {
        public Parts {
            parts = List.copyOf(parts);
        }

        @Override
        public String text() {
            return parts.stream()
                    .filter(ContentPart.TextPart.class::isInstance)
                    .map(p -> ((ContentPart.TextPart) p).text())
                    .collect(Collectors.joining());
        }
    }
}
