package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The libraries of the suite's WARs (kafka-clients, the compression codecs, Micrometer, RE2/J: every jar file of
 * {@code WEB-INF/lib}), taken out of each exploded WAR into one directory that the suite server shares with every
 * deployment ({@link ServerLaunch#shareLibraries}). Measured with Payara Micro and the 47 WARs of the suite on an idle
 * machine: ready in 46 s with 54 s of CPU, against 95 s and 114 s when every WAR brings its own 24 MB of jars, which
 * the server scans and whose classes it loads and compiles once per WAR. Only the suite server does this: the
 * own-server classes, the restarts and the balanced instances deploy the WAR as built, as operators do.
 */
final class SharedLibraries {

    private SharedLibraries() {
    }

    /**
     * Moves every jar file of {@code war}'s {@code WEB-INF/lib} into {@code libraries} (the first WAR's copy; the
     * others' must be the same file). A directory there (a test's exploded {@code it-config.jar}) stays.
     */
    static void takeFrom(Path war, Path libraries) throws IOException {
        Path lib = war.resolve("WEB-INF/lib");
        if (!Files.isDirectory(lib)) {
            return;
        }
        Files.createDirectories(libraries);
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(".jar")).toList();
        }
        for (Path jar : jars) {
            Path shared = libraries.resolve(jar.getFileName());
            if (!Files.exists(shared)) {
                Files.move(jar, shared, StandardCopyOption.ATOMIC_MOVE);
            } else if (Files.mismatch(jar, shared) == -1) {
                Files.delete(jar);
            } else {
                // Two WARs with different jars of one name cannot share a class path: build that test's WAR apart.
                throw new IllegalStateException(war.getFileName() + " brings its own " + jar.getFileName()
                        + ", unlike the other WARs of the suite");
            }
        }
    }
}
