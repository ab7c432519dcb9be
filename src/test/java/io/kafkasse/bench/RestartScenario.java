package io.kafkasse.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Scenario 8, a server restart: {@code bench.restart.clients} clients (10,000) read a topic at
 * {@code bench.restart.rate} records/s (5) as EventSources do (reconnecting after {@code retry:} with their last id,
 * giving up on any answer that is not a 200 stream); the server is stopped with SIGTERM (its streams drain) and started
 * again with the same WAR. Measured: how long the stop and the start took, how many connections were refused
 * meanwhile, how many clients gave up, and the time from the new server being ready until each client had every
 * record produced before that moment; every record must reach every client exactly once.
 */
final class RestartScenario {

    static final String TOPIC = "restart";

    /** Stops the server under test and starts it again; returns once the new one is ready. */
    interface ServerRestart {
        Timing restart() throws Exception;
    }

    record Timing(long stopMillis, long startMillis) {
    }

    record Result(String mode, int clients, int rate, Timing timing, Map<String, String> generator) {

        String value(String key) {
            return generator.getOrDefault(key, "?");
        }
    }

    private RestartScenario() {
    }

    static Result run(String mode, BenchSettings settings, Admin admin, String bootstrap, ServerRestart server) throws Exception {
        int clients = settings.restartClients();
        int rate = settings.restartRate();
        int partitions = settings.partitions();
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("%nRestart (%s): %,d clients on a topic at %d records/s; the server is restarted under them%n",
                mode, clients, rate);
        try (RatedProducer producer = new RatedProducer(bootstrap, TOPIC, partitions, settings.recordBytes());
             GeneratorProcess generator = GeneratorProcess.startRestart(settings, clients, "/v2/stream/" + TOPIC, partitions)) {
            Map<String, String> ready = generator.await("READY", Duration.ofMinutes(5));
            System.out.println("  clients connected: " + ready);
            generator.send("START " + EndOffsets.join(EndOffsets.of(admin, TOPIC, partitions)));
            generator.await("STARTED", Duration.ofMinutes(1));
            Thread producing = new Thread(() -> producer.run(rate, 90), "restart-producer");
            producing.start();
            Thread.sleep(10_000);
            System.out.println("  restarting the server...");
            Timing timing = server.restart();
            System.out.printf("  stopped in %.1f s, ready again in %.1f s%n", timing.stopMillis() / 1000.0, timing.startMillis() / 1000.0);
            generator.send("CATCHUP " + EndOffsets.join(EndOffsets.of(admin, TOPIC, partitions)));
            producing.join();
            generator.send("END " + EndOffsets.join(EndOffsets.of(admin, TOPIC, partitions)) + " " + Duration.ofSeconds(60).toMillis());
            Map<String, String> result = generator.await("RESULT", Duration.ofMinutes(3));
            System.out.println("  " + result);
            return new Result(mode, clients, rate, timing, result);
        }
    }

    static String table(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 8: server restart%n%n"
                + "Clients read a topic live as EventSources do (reconnect after `retry:` with the last id; any answer that "
                + "is not a 200 stream ends a client for good). The server is stopped with SIGTERM (the service drains its "
                + "streams over `sse.drain-period`) and started again with the same WAR and `server-config/` files. "
                + "\"Live again\" is the time from the new server answering until a client has every record produced "
                + "before that moment.%n%n"));
        out.append("| mode | clients | records/s | stop s | start s | end events | refused | gave up | reconnections "
                + "| caught up | live again p50 s | p99 s | max s | lost | duplicated | not received |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.mode(), r.clients(), r.rate(), r.timing().stopMillis() / 1000.0, r.timing().startMillis() / 1000.0,
                    r.value("endEvents"), r.value("refused"), r.value("gaveUp"), r.value("reopened"), r.value("caughtUp"),
                    seconds(r.value("caughtUpAfterP50")), seconds(r.value("caughtUpAfterP99")), seconds(r.value("caughtUpAfterMax")),
                    r.value("lost"), r.value("duplicated"), r.value("missing")));
        }
        return out.toString();
    }

    private static String seconds(String millis) {
        try {
            return String.format(Locale.ROOT, "%.1f", Long.parseLong(millis) / 1000.0);
        } catch (NumberFormatException e) {
            return millis;
        }
    }
}
