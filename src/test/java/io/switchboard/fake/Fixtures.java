package io.switchboard.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads the recorded upstream streams under {@code src/test/resources/fixtures/} (see the README there for where
 * each one comes from). Each file holds one stream event's JSON per line, so the result can be replayed with
 * {@code new Scenario.RawStream(Fixtures.lines("mistral/mistral-tool-call.chunks.txt"), true)}.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The non-blank lines of {@code fixtures/<path>}, unchanged, in order. */
    public static List<String> lines(String path) {
        String resource = "fixtures/" + path;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture on the test classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + resource, e);
        }
    }
}
