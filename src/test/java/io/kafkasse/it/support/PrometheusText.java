package io.kafkasse.it.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition (format 0.0.4), by series: the metric name and its labels in name
 * order, so that a test names a series the same way whatever order the server wrote the labels in.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final Map<String, Double> samples = new TreeMap<>();

    private PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches()) {
                throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.put(series(sample.group(1), labels), Double.parseDouble(sample.group(4)));
        }
    }

    public static PrometheusText parse(String text) {
        return new PrometheusText(text);
    }

    /** The sample's value, or null when the series is absent. */
    public Double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.get(series(name, labels));
    }

    /** The value, with an absent series read as 0 (a counter not incremented yet). */
    public double valueOrZero(String name, String... labelPairs) {
        Double value = value(name, labelPairs);
        return value == null ? 0 : value;
    }

    /** Whether the exposition declares this metric ({@code # TYPE name type}). */
    public boolean declares(String name, String type) {
        return text.contains("# TYPE " + name + " " + type + "\n");
    }

    public String text() {
        return text;
    }

    private static String series(String name, Map<String, String> labels) {
        return name + labels;
    }
}
