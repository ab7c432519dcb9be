package io.kafkasse.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The log file of the server the own-server execution's Arquillian container runs, where the server writes one
 * (WildFly's {@code server.log}, Open Liberty's {@code messages.log}; Payara Micro's container keeps its output), read
 * from a mark on for warnings and errors.
 */
public final class OwnServerLog {

    private final Path file;
    private final Pattern complaint;

    private OwnServerLog(Path file, Pattern complaint) {
        this.file = file;
        this.complaint = complaint;
    }

    /** The log of the own-server container of this run, if its server writes one the test can read. */
    public static Optional<OwnServerLog> find() {
        return switch (Deployments.server()) {
            case "wildfly" -> Optional.of(new OwnServerLog(
                    Path.of(System.getProperty("it.wildfly.home"), "standalone", "log", "server.log"),
                    Pattern.compile("^\\S+ \\S+ (WARN|WARNING|ERROR|SEVERE|FATAL) ")));
            case "liberty" -> Optional.of(new OwnServerLog(
                    Path.of(System.getProperty("it.liberty.home"), "usr", "servers", "kafka-sse-it", "logs", "messages.log"),
                    // [date, time zone] thread-id logger-or-component level message: W warning, E error, F fatal
                    Pattern.compile("^\\[[^]]+] \\S+ \\S+\\s+[WEF] ")));
            default -> Optional.empty();
        };
    }

    /** Where the log ends now: {@link #complaintsSince} reads what is written after it. */
    public long mark() {
        return LogTail.mark(file);
    }

    /** The warning and error lines written since {@code mark}. */
    public List<String> complaintsSince(long mark) throws IOException {
        return LogTail.linesFrom(file, mark).stream().filter(line -> complaint.matcher(line).find()).toList();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
