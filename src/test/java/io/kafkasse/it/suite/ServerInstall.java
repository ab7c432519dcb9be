package io.kafkasse.it.suite;

import java.nio.file.Path;

/**
 * Where the build put the three servers and the shipped {@code server-config}: read from the system properties the pom
 * sets for the suite server's launcher and for the test JVMs alike.
 */
public record ServerInstall(Path serverConfig, Path payaraJar, Path wildflyHome, Path libertyHome) {

    public static ServerInstall fromSystemProperties() {
        return new ServerInstall(SuiteSettings.path("it.server.config"), SuiteSettings.path("payara.micro.jar"),
                SuiteSettings.path("it.wildfly.home"), SuiteSettings.path("it.liberty.home"));
    }
}
