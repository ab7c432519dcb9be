package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Payara Micro as the README deploys it: the shipped pre-boot, post-boot and post-deploy command files (the HTTP port
 * opens once every WAR is deployed), Hazelcast off; one {@code --deploy} per WAR, each at its file name.
 */
final class PayaraLaunch implements ServerLaunch {

    static final int PORT = 18085;

    private final SuiteSettings settings;

    PayaraLaunch(SuiteSettings settings) {
        this.settings = settings;
    }

    @Override
    public int port() {
        return PORT;
    }

    @Override
    public Process start(List<Path> wars, String bootstrap, Path log) throws IOException {
        Path config = settings.serverConfig().resolve("payara");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                MAX_HEAP));
        // System properties must come before -jar: after it they would be Payara Micro's own arguments.
        command.addAll(ServerLaunch.jvmArguments(bootstrap));
        command.addAll(List.of("-jar", settings.payaraJar().toString(),
                "--port", Integer.toString(PORT), "--nohazelcast", "--disablephonehome",
                "--prebootcommandfile", config.resolve("pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", config.resolve("post-boot-commands.asadmin").toString(),
                "--postdeploycommandfile", config.resolve("post-deploy-commands.asadmin").toString()));
        for (Path war : wars) {
            command.addAll(List.of("--deploy", war.toString()));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
