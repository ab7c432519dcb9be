package io.kafkasse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Scenario 9, the soak: {@code bench.soak.clients} EventSource clients (1,000) read a topic at {@code bench.soak.rate}
 * records/s (20) for {@code bench.soak.minutes} (30) while {@code bench.soak.churn} clients a second (2) leave and come
 * back with their last id. Every minute the server's live heap (after full collections), resident memory, threads,
 * Kafka consumers and open streams are sampled: they must stay flat. Every record must reach every client exactly once.
 */
final class SoakScenario {

    static final String TOPIC = "soak";

    record Sample(int minute, long heapLiveKiB, long rssMiB, long threads, long consumers, long openStreams) {
    }

    record Result(String mode, int clients, int rate, int minutes, double churnPerSecond, List<Sample> samples,
                  Map<String, String> generator) {

        String value(String key) {
            return generator.getOrDefault(key, "?");
        }
    }

    private SoakScenario() {
    }

    static Result run(String mode, BenchSettings settings, Admin admin, String bootstrap, ServerProbe probe) throws Exception {
        int clients = Integer.getInteger("bench.soak.clients", 1000);
        int rate = Integer.getInteger("bench.soak.rate", 20);
        int minutes = Integer.getInteger("bench.soak.minutes", 30);
        double churn = Double.parseDouble(System.getProperty("bench.soak.churn", "2"));
        int partitions = settings.partitions();
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("%nSoak (%s): %,d clients, %d records/s, %.1f clients a second leave and come back, %d minutes%n",
                mode, clients, rate, churn, minutes);
        List<Sample> samples = new ArrayList<>();
        try (RatedProducer producer = new RatedProducer(bootstrap, TOPIC, partitions, settings.recordBytes());
             GeneratorProcess generator = GeneratorProcess.startSoak(settings, clients, "/v2/stream/" + TOPIC, partitions, churn)) {
            Map<String, String> ready = generator.await("READY", Duration.ofMinutes(5));
            System.out.println("  clients connected: " + ready);
            generator.send("START " + EndOffsets.join(EndOffsets.of(admin, TOPIC, partitions)));
            generator.await("STARTED", Duration.ofMinutes(1));
            samples.add(sample(0, probe));
            Thread producing = new Thread(() -> producer.run(rate, minutes * 60), "soak-producer");
            producing.start();
            for (int minute = 1; minute <= minutes; minute++) {
                producing.join(Duration.ofMinutes(1).toMillis());
                Sample sample = sample(minute, probe);
                samples.add(sample);
                System.out.printf("  minute %d: heap %,d KiB, RSS %,d MiB, %d threads, %d consumers, %d open streams%n",
                        minute, sample.heapLiveKiB(), sample.rssMiB(), sample.threads(), sample.consumers(), sample.openStreams());
            }
            producing.join();
            generator.send("END " + EndOffsets.join(EndOffsets.of(admin, TOPIC, partitions)) + " " + Duration.ofSeconds(60).toMillis());
            Map<String, String> result = generator.await("RESULT", Duration.ofMinutes(3));
            System.out.println("  " + result);
            return new Result(mode, clients, rate, minutes, churn, samples, result);
        }
    }

    private static Sample sample(int minute, ServerProbe probe) {
        return new Sample(minute, probe.heapLiveKiB(), probe.rssMiB(), probe.threads(), probe.stat("liveConsumers"),
                probe.stat("openStreams"));
    }

    static String table(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 9: soak%n%n"
                + "EventSource clients read a topic for the whole run while some leave and come back with their last id "
                + "(churn). Sampled every minute: the server's live heap after full collections, RSS, threads, Kafka "
                + "consumers, open streams. Flat means the last third of the run ends where its first third did.%n"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%n%s: %,d clients, %d records/s, %.1f leave and come back a second, %d min; "
                            + "churned %s, reconnections %s, gave up %s, lost %s, duplicated %s, not received %s%n%n",
                    r.mode(), r.clients(), r.rate(), r.churnPerSecond(), r.minutes(), r.value("churned"), r.value("reopened"),
                    r.value("gaveUp"), r.value("lost"), r.value("duplicated"), r.value("missing")));
            out.append("| minute | live heap MiB | RSS MiB | threads | consumers | open streams |\n|---|---|---|---|---|---|\n");
            for (Sample s : r.samples()) {
                if (s.minute() % 5 == 0 || s.minute() == 1 || s.minute() == r.minutes()) {
                    out.append(String.format(Locale.ROOT, "| %d | %.1f | %,d | %d | %d | %d |%n", s.minute(),
                            s.heapLiveKiB() / 1024.0, s.rssMiB(), s.threads(), s.consumers(), s.openStreams()));
                }
            }
        }
        return out.toString();
    }
}
