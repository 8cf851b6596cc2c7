package io.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the shape of the code honest as it grows (STYLE.md): small files, names that say what a
 * thing is, a purpose note in every package, and provider adapters that import nothing above them.
 */
class CodeShapeTest {
    private static final Path MAIN = Path.of("src/main/java/io/switchboard");
    /** The benchmark (mvn -Pbench) is held to the same shape, though only the profile compiles it. */
    private static final List<Path> ROOTS = List.of(MAIN, Path.of("src/bench/java/io/switchboard"));
    private static final int MAX_LINES = 400;
    private static final Pattern VAGUE_NAME = Pattern.compile(".*(Util|Utils|Helper|Manager|Impl)\\.java|Default[A-Z].*\\.java");
    private static final Pattern UPWARD_IMPORT = Pattern.compile(
            "^import io\\.switchboard\\.(api|access|routing|spend|config|guardrail|cache|telemetry)\\b.*", Pattern.MULTILINE);

    private static List<Path> javaFiles() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void noFileIsLongerThanTheLimit() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path file : javaFiles()) {
            long lines = Files.lines(file).count();
            if (lines > MAX_LINES) {
                long_.add(file + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), long_);
    }

    @Test
    void noVagueClassNames() throws IOException {
        assertEquals(List.of(), javaFiles().stream().map(p -> p.getFileName().toString())
                .filter(name -> VAGUE_NAME.matcher(name).matches()).toList());
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path dir : directories()) {
            boolean hasCode;
            try (Stream<Path> entries = Files.list(dir)) {
                hasCode = entries.anyMatch(p -> p.toString().endsWith(".java"));
            }
            if (hasCode && !Files.exists(dir.resolve("package-info.java"))) {
                missing.add(dir.toString());
            }
        }
        assertEquals(List.of(), missing);
    }

    private static List<Path> directories() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> dirs = Files.walk(root)) {
                dirs.filter(Files::isDirectory).forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void providerAdaptersImportNothingAboveThem() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (file.startsWith(MAIN) && MAIN.relativize(file).startsWith("provider")
                    && UPWARD_IMPORT.matcher(Files.readString(file)).find()) {
                offenders.add(MAIN.relativize(file).toString());
            }
        }
        assertEquals(List.of(), offenders);
    }
}
