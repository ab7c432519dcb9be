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
 * the own-server execution's WildFly and any other on the same distribution share nothing with it), every port shifted
 * by the same offset, every exploded WAR moved into the deployment scanner's directory with its {@code .dodeploy}
 * marker (deployed again at every later start).
 */
final class WildFlyLaunch implements ServerLaunch {

    static final int SUITE_PORT = 18380;
    private static final int HTTP_PORT = 8080;
    private static final String BASE = "wildfly-standalone";
    private static final String CONFIGURATION = "standalone-microprofile.xml";
    private static final String EE_SUBSYSTEM = "<subsystem xmlns=\"urn:jboss:domain:ee:";

    private final ServerInstall install;
    private final Path base;
    private final int port;
    private final String maxHeap;
    /** Null unless {@link #shareLibraries} named a directory. */
    private Path libraries;

    WildFlyLaunch(ServerInstall install, Path dir, int port, String maxHeap) {
        this.install = install;
        this.base = dir.resolve(BASE);
        this.port = port;
        this.maxHeap = maxHeap;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void deploy(List<Path> wars) throws IOException {
        copyConfiguration(install.wildflyHome().resolve("standalone/configuration"), base.resolve("configuration"));
        if (libraries != null) {
            shareWithEveryDeployment(base.resolve("configuration").resolve(CONFIGURATION), libraries);
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        SuiteFiles.empty(deployments);
        for (Path war : wars) {
            // An exploded WAR is deployed once its marker says it is complete.
            Files.move(war, deployments.resolve(war.getFileName() + ".war"));
            Files.createFile(deployments.resolve(war.getFileName() + ".war.dodeploy"));
        }
    }

    @Override
    public void shareLibraries(Path libraries) {
        this.libraries = libraries;
    }

    /**
     * The EE subsystem's global directory (WildFly 20 on): every jar in it is on the class path of every deployment.
     * Written into the copied configuration, the distribution's stays as configure.cli left it.
     */
    private static void shareWithEveryDeployment(Path configuration, Path libraries) throws IOException {
        String xml = Files.readString(configuration);
        int subsystem = xml.indexOf(EE_SUBSYSTEM);
        int contents = subsystem < 0 ? -1 : xml.indexOf('>', subsystem) + 1;
        if (contents <= 0) {
            throw new IllegalStateException("No EE subsystem in " + configuration);
        }
        String global = "\n<global-directories><directory name=\"kafka-sse-suite-libraries\" path=\"" + libraries
                + "\"/></global-directories>";
        Files.writeString(configuration, xml.substring(0, contents) + global + xml.substring(contents));
    }

    @Override
    public Process run(List<String> jvmArguments, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(install.wildflyHome().resolve("bin/standalone.sh").toString(),
                "-c", CONFIGURATION,
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + (port - HTTP_PORT),
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1");
        // standalone.conf's default caps metaspace at 256 MB: too little for a few dozen WARs.
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", String.join(" ", maxHeap, "-Djava.net.preferIPv4Stack=true", String.join(" ", jvmArguments)));
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
        Path marker = suiteDir.resolve(BASE).resolve("deployments").resolve(name + ".war.failed");
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
