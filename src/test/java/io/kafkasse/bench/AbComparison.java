package io.kafkasse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * With {@code bench.baseline}: each row's figures for the baseline and for this build side by side, each the median of
 * the rounds ({@code bench.rounds}) measured on fresh servers, alternately, and their ratio (this build over the
 * baseline: below 1 is better for times, latencies and costs, above 1 for rates).
 */
final class AbComparison {

    private record Figure<T>(String name, ToDoubleFunction<T> value) {
    }

    private AbComparison() {
    }

    static String render(Results results, Variant baseline, int rounds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## This build against the baseline%n%n"
                + "Baseline: %s. Each figure is the median of %d round(s); in each round the baseline and this build ran "
                + "one after the other, each on a fresh server, with the same rows.%n%n"
                + "| scenario | row | figure | baseline | this build | ratio |%n|---|---|---|---:|---:|---:|%n",
                baseline.description(), rounds));
        rows(out, "fan-out", results.fanOut(), ScenarioResult::mode,
                r -> String.format(Locale.ROOT, "%,d clients × %d/s", r.clients(), r.rate()), List.of(
                        new Figure<>("p99 ms", ScenarioResult::p99),
                        new Figure<>("p50 ms", ScenarioResult::p50),
                        new Figure<>("sustained deliveries/s", ScenarioResult::sustainedPerSecond),
                        new Figure<>("lost + not received", r -> r.lost() + r.missing()),
                        new Figure<>("server µs/delivery", ScenarioResult::serverMicrosPerDelivery),
                        new Figure<>("server GC ms", r -> r.cpu().gcMillis()),
                        new Figure<>("server RSS MiB (peak)", ScenarioResult::rssMiB)));
        rows(out, "drain", results.drain(), DrainScenario.Result::mode,
                r -> String.format(Locale.ROOT, "%,d records", r.records()), List.of(
                        new Figure<>("events/s", DrainScenario.Result::eventsPerSecond),
                        new Figure<>("server µs/event", DrainScenario.Result::serverMicrosPerEvent),
                        new Figure<>("server GC ms", r -> r.cpu().gcMillis())));
        rows(out, "storm", results.storm(), StormResult::mode,
                r -> String.format(Locale.ROOT, "%,d clients, %,d records back", r.clients(), r.history()), List.of(
                        new Figure<>("first event p99 ms", StormResult::firstEventP99),
                        new Figure<>("first event p50 ms", StormResult::firstEventP50),
                        new Figure<>("all caught up ms", StormResult::allCaughtUpMs),
                        new Figure<>("refused", StormResult::failed)));
        rows(out, "idle", results.idle(), IdleScenario.Result::mode,
                r -> String.format(Locale.ROOT, "%,d connections", r.clients()), List.of(
                        new Figure<>("heap KiB/connection", IdleScenario.Result::heapKiBPerConnection),
                        new Figure<>("RSS KiB/connection", IdleScenario.Result::rssKiBPerConnection)));
        return out.toString();
    }

    private static <T> void rows(StringBuilder out, String scenario, List<T> results, Function<T, String> mode,
                                 Function<T, String> row, List<Figure<T>> figures) {
        // Rows in the order first measured; within each, the baseline's results and this build's.
        Map<String, List<List<T>>> byRow = new LinkedHashMap<>();
        for (T result : results) {
            String name = mode.apply(result);
            boolean isBaseline = name.endsWith(Variant.BASELINE_SUFFIX);
            String writer = isBaseline ? name.substring(0, name.length() - Variant.BASELINE_SUFFIX.length()) : name;
            List<List<T>> sides = byRow.computeIfAbsent(writer + ", " + row.apply(result),
                    key -> List.of(new ArrayList<>(), new ArrayList<>()));
            sides.get(isBaseline ? 0 : 1).add(result);
        }
        byRow.forEach((key, sides) -> {
            if (sides.get(0).isEmpty() || sides.get(1).isEmpty()) {
                return;
            }
            for (Figure<T> figure : figures) {
                double before = median(sides.get(0), figure.value());
                double after = median(sides.get(1), figure.value());
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", scenario, key, figure.name(),
                        number(before), number(after), before == 0 ? "–" : String.format(Locale.ROOT, "%.2f", after / before)));
            }
        });
    }

    private static <T> double median(List<T> results, ToDoubleFunction<T> value) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
