import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints where .ci/run spent its time: each server run's wall time, then the 15 slowest test classes with their time
 * on each server, read from the JUnit XML reports .ci/run kept per server ({@code <reports>/<server>/TEST-*.xml}).
 * Run with the JDK alone: {@code java .ci/SlowestClasses.java target/ci-reports}.
 */
public final class SlowestClasses {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*?\\bname=\"([^\"]+)\"[^>]*?\\btime=\"([0-9.,]+)\"");
    private static final int SHOWN = 15;

    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args.length > 0 ? args[0] : "target/ci-reports");
        List<String> servers = new ArrayList<>();
        Map<String, Map<String, Double>> seconds = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(reports)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String server = dir.getFileName().toString();
                servers.add(server);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith("TEST-")).toList()) {
                        Matcher suite = SUITE.matcher(Files.readString(file));
                        if (suite.find()) {
                            String name = suite.group(1).replaceFirst("^.*\\.", "");
                            seconds.computeIfAbsent(name, key -> new TreeMap<>())
                                    .merge(server, Double.parseDouble(suite.group(2).replace(",", "")), Double::sum);
                        }
                    }
                }
            }
        }
        Path times = reports.resolve("times");
        if (Files.isRegularFile(times)) {
            System.out.println();
            System.out.println("Wall time of each server run (seconds):");
            Files.readAllLines(times).forEach(line -> System.out.println("  " + line));
        }
        System.out.println();
        System.out.printf("The %d slowest test classes (seconds, as JUnit reports them; classes run in parallel):%n", SHOWN);
        StringBuilder header = new StringBuilder(String.format("  %-42s", "class"));
        servers.forEach(server -> header.append(String.format(" %9s", server)));
        System.out.println(header);
        seconds.entrySet().stream()
                .sorted((a, b) -> Double.compare(slowest(b.getValue()), slowest(a.getValue())))
                .limit(SHOWN)
                .forEach(row -> {
                    StringBuilder line = new StringBuilder(String.format("  %-42s", row.getKey()));
                    servers.forEach(server -> {
                        Double time = row.getValue().get(server);
                        line.append(time == null ? String.format(" %9s", "-") : String.format(" %9.1f", time));
                    });
                    System.out.println(line);
                });
    }

    private static double slowest(Map<String, Double> times) {
        return times.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
