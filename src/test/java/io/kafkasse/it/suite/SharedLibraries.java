package io.kafkasse.it.suite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * The libraries of the suite's WARs (kafka-clients, the compression codecs, Micrometer, RE2/J: every jar file of
 * {@code WEB-INF/lib}), taken out of each WAR before it is written, into one directory that the suite server shares
 * with every deployment ({@link ServerLaunch#shareLibraries}). Measured with Payara Micro and the 47 WARs of the suite
 * on an idle machine: ready in 46 s with 54 s of CPU, against 95 s and 114 s when every WAR brings its own 24 MB of
 * jars, which the server scans and whose classes it loads and compiles once per WAR. Only the suite server does this:
 * the own-server classes, the restarts and the balanced instances deploy the WAR as built, as operators do.
 * <p>
 * A jar is written once: the WARs share the built WAR's assets ({@code Deployments}), so the next WAR's jar is the
 * same asset, known without reading it; a jar of another asset is compared byte for byte.
 */
final class SharedLibraries {

    private static final ArchivePath LIB = ArchivePaths.create("/WEB-INF/lib");

    private final Path directory;
    private final Map<String, Asset> written = new HashMap<>();

    SharedLibraries(Path directory) {
        this.directory = directory;
    }

    /**
     * Removes every jar file of the archive's {@code WEB-INF/lib}, written into the shared directory by the first WAR
     * that has it (the others' must be the same bytes). A nested archive there (a test's {@code it-config.jar}) stays.
     */
    void takeFrom(Archive<?> archive) throws IOException {
        Node lib = archive.get(LIB);
        if (lib == null) {
            return;
        }
        Files.createDirectories(directory);
        List<Node> jars = new ArrayList<>();
        for (Node node : lib.getChildren()) {
            Asset asset = node.getAsset();
            if (asset != null && !(asset instanceof ArchiveAsset) && node.getPath().get().endsWith(".jar")) {
                jars.add(node);
            }
        }
        for (Node jar : jars) {
            String name = jar.getPath().get().substring(LIB.get().length() + 1);
            Asset asset = jar.getAsset();
            Path shared = directory.resolve(name);
            if (written.get(name) != asset) {
                if (!Files.exists(shared)) {
                    try (InputStream in = asset.openStream()) {
                        Files.copy(in, shared);
                    }
                    written.put(name, asset);
                } else if (!sameBytes(asset, shared)) {
                    // Two WARs with different jars of one name cannot share a class path: build that test's WAR apart.
                    throw new IllegalStateException(archive.getName() + " brings its own " + name
                            + ", unlike the other WARs of the suite");
                }
            }
            archive.delete(jar.getPath());
        }
    }

    private static boolean sameBytes(Asset asset, Path file) throws IOException {
        try (InputStream in = asset.openStream()) {
            return Arrays.equals(in.readAllBytes(), Files.readAllBytes(file));
        }
    }
}
