package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Open Liberty from the runtime the build unpacked: a server of its own name whose configuration is the shipped
 * {@code server-config/liberty/server.xml} (in {@code configDropins/defaults}) with only its port variables set, every
 * exploded WAR moved into {@code dropins}, run in the foreground with {@code bin/server run}.
 */
final class LibertyLaunch implements ServerLaunch {

    static final int SUITE_PORT = 18480;
    static final String SUITE_SERVER = "kafka-sse-suite";

    private final ServerInstall install;
    private final String name;
    private final int port;
    private final String maxHeap;
    /** Null unless {@link #shareLibraries} named a directory. */
    private Path libraries;

    LibertyLaunch(ServerInstall install, String name, int port, String maxHeap) {
        this.install = install;
        this.name = name;
        this.port = port;
        this.maxHeap = maxHeap;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void deploy(List<Path> wars) throws IOException {
        Path server = install.libertyHome().resolve("usr/servers").resolve(name);
        Path defaults = Files.createDirectories(server.resolve("configDropins/defaults"));
        Files.copy(install.serverConfig().resolve("liberty/server.xml"), defaults.resolve("kafka-sse.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(server.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- A test's Liberty: the shipped configuration (configDropins/defaults) on the test's port, on loopback.
                     Written by io.kafkasse.it.suite.LibertyLaunch. -->
                <server description="kafka-sse integration tests">
                    <variable name="kafka-sse.http.host" value="127.0.0.1"/>
                    <variable name="kafka-sse.http.port" value="%d"/>
                </server>
                """.formatted(port));
        // Liberty's global library: the jars of lib/global serve every application without a classloader element,
        // as the WARs in dropins are.
        Path global = server.resolve("lib/global");
        SuiteFiles.empty(global);
        if (libraries != null) {
            Files.createDirectories(global);
            try (Stream<Path> jars = Files.list(libraries)) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, global.resolve(jar.getFileName()));
                }
            }
        }
        Path dropins = Files.createDirectories(server.resolve("dropins"));
        SuiteFiles.empty(dropins);
        for (Path war : wars) {
            Files.move(war, dropins.resolve(war.getFileName() + ".war"));
        }
    }

    @Override
    public void shareLibraries(Path libraries) {
        this.libraries = libraries;
    }

    @Override
    public Process run(List<String> jvmArguments, Path log) throws IOException {
        Path server = install.libertyHome().resolve("usr/servers").resolve(name);
        List<String> options = new ArrayList<>(List.of(maxHeap));
        options.addAll(jvmArguments);
        Files.write(server.resolve("jvm.options"), options);
        ProcessBuilder builder = new ProcessBuilder(install.libertyHome().resolve("bin/server").toString(), "run", name);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
