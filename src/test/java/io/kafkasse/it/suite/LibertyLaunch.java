package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Open Liberty from the runtime the build unpacked: a server {@code kafka-sse-suite} whose configuration is the shipped
 * {@code server-config/liberty/server.xml} (in {@code configDropins/defaults}) with only its port variables set, every
 * exploded WAR moved into {@code dropins}, run in the foreground with {@code bin/server run}.
 */
final class LibertyLaunch implements ServerLaunch {

    static final int PORT = 18480;
    static final String SERVER = "kafka-sse-suite";

    private final SuiteSettings settings;

    LibertyLaunch(SuiteSettings settings) {
        this.settings = settings;
    }

    @Override
    public int port() {
        return PORT;
    }

    @Override
    public Process start(List<Path> wars, String bootstrap, Path log) throws IOException {
        Path server = settings.libertyHome().resolve("usr/servers").resolve(SERVER);
        Path defaults = Files.createDirectories(server.resolve("configDropins/defaults"));
        Files.copy(settings.serverConfig().resolve("liberty/server.xml"), defaults.resolve("kafka-sse.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(server.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- The integration suite's shared Liberty: the shipped configuration (configDropins/defaults) on the
                     suite's port, on loopback. Written by io.kafkasse.it.suite.LibertyLaunch. -->
                <server description="kafka-sse integration suite">
                    <variable name="kafka-sse.http.host" value="127.0.0.1"/>
                    <variable name="kafka-sse.http.port" value="%d"/>
                </server>
                """.formatted(PORT));
        Files.write(server.resolve("jvm.options"), concat(MAX_HEAP, ServerLaunch.jvmArguments(bootstrap)));
        Path dropins = Files.createDirectories(server.resolve("dropins"));
        SuiteFiles.empty(dropins);
        for (Path war : wars) {
            Files.move(war, dropins.resolve(war.getFileName() + ".war"));
        }
        ProcessBuilder builder = new ProcessBuilder(settings.libertyHome().resolve("bin/server").toString(), "run", SERVER);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
