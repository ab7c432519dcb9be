package io.kafkasse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server process costs, read from outside it so that measuring does not load it: resident memory and thread
 * count from {@code /proc/<pid>/status}, heap use from {@code jcmd GC.heap_info}, open streams and consumers from
 * {@code /v2/stats}, and TCP connections to the broker from {@code /proc/net/tcp}.
 */
final class ServerProbe {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");
    /** Each topic of /v2/stats {@code topics} has one {@code clients} field. */
    private static final Pattern CLIENTS = Pattern.compile("\"clients\":(\\d+)");

    private final long pid;
    private final int httpPort;
    private final int brokerPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServerProbe(long pid, int httpPort, int brokerPort) {
        this.pid = pid;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
    }

    long pid() {
        return pid;
    }

    /** VmRSS in MiB, or -1 when the process is gone. */
    long rssMiB() {
        return statusField("VmRSS:") / 1024;
    }

    long threads() {
        return statusField("Threads:");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Heap in use right now (not after a GC), in MiB; -1 when jcmd is unavailable. */
    long heapUsedMiB() {
        long kib = heapUsedKiB();
        return kib < 0 ? -1 : kib / 1024;
    }

    /** Heap in use after a full collection, in KiB: what live objects hold, without garbage. */
    long heapLiveKiB() {
        // Twice: objects whose finalization or reference processing the first collection started are gone after the second.
        jcmd("GC.run");
        jcmd("GC.run");
        return heapUsedKiB();
    }

    /** Live objects by class (after a full GC): class name to {instances, bytes}; empty when jcmd is unavailable. */
    Map<String, long[]> classHistogram() {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":") && fields[1].matches("\\d+") && fields[2].matches("\\d+")) {
                classes.put(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
        }
        return classes;
    }

    private String jcmd(String command) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private long heapUsedKiB() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(20, TimeUnit.SECONDS);
            Matcher matcher = HEAP_USED.matcher(out);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** The value of one number in {@code /v2/stats} ({@code openStreams}, {@code liveConsumers}); -1 on failure. */
    long stat(String name) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v2/stats"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = NUMBER.matcher(body);
            while (matcher.find()) {
                if (matcher.group(1).equals(name)) {
                    return Long.parseLong(matcher.group(2));
                }
            }
        } catch (IOException e) {
            // not answering
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /**
     * The topics {@code /v2/stats} lists as being fed and the sum of their clients, as {topics, clients}; {-1, -1} on
     * failure.
     */
    long[] topicsFed() {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v2/stats"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = CLIENTS.matcher(body);
            long topics = 0;
            long clients = 0;
            while (matcher.find()) {
                topics++;
                clients += Long.parseLong(matcher.group(1));
            }
            return new long[] {topics, clients};
        } catch (IOException e) {
            // not answering
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new long[] {-1, -1};
    }

    /**
     * Established TCP connections to the broker's port, from every process on the machine (the runner's producer and
     * admin client hold a few): /proc/net/tcp does not say which process owns a socket, and this is cheap.
     */
    long brokerConnections() {
        String port = String.format(":%04X", brokerPort);
        long count = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[2].endsWith(port) && f[3].equals("01")) {
                        count++;
                    }
                }
            } catch (IOException e) {
                // no IPv6 table
            }
        }
        return count;
    }
}
