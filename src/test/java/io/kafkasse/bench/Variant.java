package io.kafkasse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one benchmark run measures: a WAR and the {@code server-config} it runs with. Either this build's, or the
 * baseline named by {@code bench.baseline}: a WAR file (run with this build's {@code server-config}), or a git revision,
 * exported into the benchmark's directory and built there (offline, tests skipped), run with its own
 * {@code server-config}.
 */
record Variant(String name, String description, Path war, Path serverConfig) {

    /** Added to a mode's name for the baseline's runs, so that every table tells them apart. */
    static final String BASELINE_SUFFIX = ".baseline";

    static Variant current(BenchSettings settings) {
        return new Variant("", "this build (" + settings.war() + ")", settings.war(), settings.serverConfig());
    }

    static Variant baseline(String spec, BenchSettings settings) throws IOException, InterruptedException {
        Path file = Path.of(spec);
        if (spec.endsWith(".war") && Files.isRegularFile(file)) {
            return new Variant(BASELINE_SUFFIX, "the WAR " + file.toAbsolutePath(), file, settings.serverConfig());
        }
        String revision = run(Path.of("."), "git", "rev-parse", "--short", spec + "^{commit}").trim();
        Path dir = settings.dir().resolve("baseline-" + revision).toAbsolutePath();
        Path war = dir.resolve("target/kafka-sse.war");
        if (!Files.isRegularFile(war)) {
            Files.createDirectories(dir);
            System.out.println("Building the baseline " + revision + " in " + dir + " ...");
            run(Path.of("."), "bash", "-c", "git archive " + revision + " | tar -x -C '" + dir + "'");
            run(dir, "mvn", "-q", "-o", "-B", "package", "-DskipTests");
        }
        String subject = run(Path.of("."), "git", "log", "-1", "--format=%s", revision).trim();
        return new Variant(BASELINE_SUFFIX, "commit " + revision + " (" + abbreviate(subject) + ")", war,
                dir.resolve("server-config"));
    }

    /** The name a mode's results carry for this variant. */
    String modeName(BenchMode mode) {
        return mode.name() + name;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + dir + ":\n" + output);
        }
        return output;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
