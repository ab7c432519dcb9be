package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories the suite server reuses between runs start empty: a WAR left from an earlier run is not deployed. */
public final class SuiteFiles {

    private SuiteFiles() {
    }

    /** Deletes everything inside {@code dir}, keeping the directory. */
    public static void empty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                Files.delete(path);
            }
        }
    }
}
