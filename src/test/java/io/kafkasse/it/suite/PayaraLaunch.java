package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Payara Micro as the README deploys it: the shipped pre-boot, post-boot and post-deploy command files (the HTTP port
 * opens once every WAR is deployed), Hazelcast off, the shutdown grace the drain needs; one {@code --deploy} per WAR,
 * each at its file name.
 */
final class PayaraLaunch implements ServerLaunch {

    static final int SUITE_PORT = 18085;
    /** README, "Payara Micro": the drain period (5 s), the 2 s a drain allows for ends under way, and 3 s to spare. */
    private static final int SHUTDOWN_GRACE_MILLIS = 10_000;

    private final ServerInstall install;
    private final int port;
    private final String maxHeap;
    private final List<Path> wars = new ArrayList<>();
    /** Null unless {@link #shareLibraries} named a directory. */
    private Path libraries;

    PayaraLaunch(ServerInstall install, int port, String maxHeap) {
        this.install = install;
        this.port = port;
        this.maxHeap = maxHeap;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void deploy(List<Path> wars) {
        this.wars.clear();
        this.wars.addAll(wars);
    }

    @Override
    public void shareLibraries(Path libraries) {
        this.libraries = libraries;
    }

    @Override
    public Process run(List<String> jvmArguments, Path log) throws IOException {
        Path config = install.serverConfig().resolve("payara");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                maxHeap));
        // System properties must come before -jar: after it they would be Payara Micro's own arguments.
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", install.payaraJar().toString(),
                "--port", Integer.toString(port), "--nohazelcast", "--disablephonehome",
                "--shutdowngrace", Integer.toString(SHUTDOWN_GRACE_MILLIS),
                "--prebootcommandfile", config.resolve("pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", config.resolve("post-boot-commands.asadmin").toString(),
                "--postdeploycommandfile", config.resolve("post-deploy-commands.asadmin").toString()));
        if (libraries != null) {
            // On Payara Micro's own class path, which every application's class loader reads first.
            command.addAll(List.of("--addLibs", libraries.toString()));
        }
        for (Path war : wars) {
            command.addAll(List.of("--deploy", war.toString()));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
