package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WildFly from the distribution the build unpacked and configured with {@code server-config/wildfly/configure.cli},
 * started with {@code bin/standalone.sh} on a server base directory of its own (a copy of {@code standalone/}, so that
 * the own-server execution's WildFly on the same distribution shares nothing with it), ports shifted by 10300, every
 * exploded WAR moved into the deployment scanner's directory with its {@code .dodeploy} marker.
 */
final class WildFlyLaunch implements ServerLaunch {

    static final int PORT_OFFSET = 10300;

    private final SuiteSettings settings;

    WildFlyLaunch(SuiteSettings settings) {
        this.settings = settings;
    }

    @Override
    public int port() {
        return 8080 + PORT_OFFSET;
    }

    @Override
    public Process start(List<Path> wars, String bootstrap, Path log) throws IOException {
        Path base = base();
        copyConfiguration(settings.wildflyHome().resolve("standalone/configuration"), base.resolve("configuration"));
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        SuiteFiles.empty(deployments);
        for (Path war : wars) {
            // An exploded WAR is deployed once its marker says it is complete.
            Files.move(war, deployments.resolve(war.getFileName() + ".war"));
            Files.createFile(deployments.resolve(war.getFileName() + ".war.dodeploy"));
        }
        ProcessBuilder builder = new ProcessBuilder(settings.wildflyHome().resolve("bin/standalone.sh").toString(),
                "-c", "standalone-microprofile.xml",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1");
        // standalone.conf's default caps metaspace at 256 MB: too little for a few dozen WARs.
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", String.join(" ", MAX_HEAP, "-Djava.net.preferIPv4Stack=true",
                String.join(" ", ServerLaunch.jvmArguments(bootstrap))));
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void copyConfiguration(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Why WildFly gave up on the suite's WAR {@code name}, from its {@code .failed} marker; null if it has not. */
    static String failure(Path suiteDir, String name) {
        Path marker = suiteDir.resolve("wildfly-standalone/deployments").resolve(name + ".war.failed");
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Path base() {
        return settings.dir().resolve("wildfly-standalone");
    }
}
