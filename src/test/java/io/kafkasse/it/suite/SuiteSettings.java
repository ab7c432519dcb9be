package io.kafkasse.it.suite;

import java.nio.file.Path;

/** Where the build put what the suite server needs: read once from the system properties the pom sets. */
record SuiteSettings(Path dir, Path testClasses, ServerInstall install, Path kafkaDir, String selection) {

    static SuiteSettings fromSystemProperties() {
        return new SuiteSettings(path("it.suite.dir"), path("it.test.classes"), ServerInstall.fromSystemProperties(),
                path("it.kafka.dir"), selection(System.getProperty("it.test", "")));
    }

    static Path path(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set (pom.xml sets it for the suite server)");
        }
        return Path.of(value).toAbsolutePath();
    }

    /** Maven passes an unset {@code it.test} on as its own expression. */
    private static String selection(String value) {
        return value.startsWith("${") ? "" : value;
    }

    Path deployments() {
        return dir.resolve("deployments");
    }

    /** The libraries the suite's WARs share ({@link SharedLibraries}). */
    Path libraries() {
        return dir.resolve("libraries");
    }

    Path bootstrapFile() {
        return dir.resolve("kafka.bootstrap");
    }

    Path pidFile() {
        return pidFile(dir);
    }

    static Path pidFile(Path suiteDir) {
        return suiteDir.resolve("pids");
    }
}
