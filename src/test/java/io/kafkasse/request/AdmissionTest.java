package io.kafkasse.request;

import static io.kafkasse.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.kafkasse.config.ConnectionLimits;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.observe.CloseReason;
import io.kafkasse.observe.Connection;
import io.kafkasse.observe.ServiceMetrics;

class AdmissionTest {

    private final ServiceMetrics metrics = new ServiceMetrics();

    @Test
    void aClientOverItsOwnLimitIsRefusedWith429AndOthersAreNot() {
        Admission admission = new Admission(new ConnectionLimits(2, 0, 0, 0, Optional.empty()));
        admission.admit(from("a"), List.of("s"));
        admission.admit(from("a"), List.of("s"));

        StreamProblem refused = assertThrows(StreamProblem.class, () -> admission.admit(from("a"), List.of("s")));

        assertEquals(429, refused.status());
        assertEquals(StreamProblem.TOO_MANY_CONNECTIONS, refused.type());
        assertEquals(CloseReason.LIMIT, refused.closeReason());
        admission.admit(from("b"), List.of("s"));
    }

    @Test
    void aPlaceComesBackWhenItsConnectionClosesAndAnIdleClientIsForgotten() {
        Admission admission = new Admission(new ConnectionLimits(1, 0, 0, 0, Optional.empty()));
        Connection first = from("a");
        admission.admit(first, List.of("s"));
        assertThrows(StreamProblem.class, () -> admission.admit(from("a"), List.of("s")));

        first.closed(CloseReason.CLIENT_LEFT);
        first.closed(CloseReason.ERROR); // a second close gives nothing back twice

        assertEquals(0, admission.openFor("a"));
        Connection second = from("a");
        admission.admit(second, List.of("s"));
        assertEquals(1, admission.openFor("a"));
    }

    @Test
    void aStreamOrServerOverItsLimitIsRetryableAndGivesBackThePlacesAlreadyTaken() {
        Admission admission = new Admission(new ConnectionLimits(5, 10, 1, 0, Optional.empty()));
        admission.admit(from("a"), List.of("full"));

        StreamProblem refused = assertThrows(StreamProblem.class, () -> admission.admit(from("b"), List.of("free", "full")));

        assertEquals(StreamProblem.CONNECTION_LIMIT, refused.type());
        assertEquals(true, refused.retryable());
        assertEquals(0, admission.openFor("b"), "the client's place was given back");
        admission.admit(from("b"), List.of("free")); // and so was the place on 'free'
    }

    @Test
    void aStormOfRequestsFromManyThreadsNeverOvershootsTheTotal() throws Exception {
        int limit = 10;
        Admission admission = new Admission(new ConnectionLimits(0, limit, 0, 0, Optional.empty()));
        int threads = 16;
        int attempts = 500;
        Queue<Connection> admitted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        AtomicInteger openNow = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < attempts; i++) {
                        Connection connection = from("c" + i);
                        try {
                            admission.admit(connection, List.of("s"));
                            mostOpen.accumulateAndGet(openNow.incrementAndGet(), Math::max);
                            admitted.add(connection);
                            if (i % 2 == 0) {
                                openNow.decrementAndGet();
                                connection.closed(CloseReason.CLIENT_LEFT);
                            }
                        } catch (StreamProblem e) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(30_000);
        }

        assertEquals(limit, mostOpen.get(), "at most the limit open at once, and the limit reached");
        assertEquals(threads * attempts, admitted.size() + refused.get());
        admitted.forEach(connection -> connection.closed(CloseReason.CLIENT_LEFT));
        for (int i = 0; i < limit; i++) {
            admission.admit(from("after"), List.of("s")); // every place came back
        }
        assertThrows(StreamProblem.class, () -> admission.admit(from("after"), List.of("s")));
    }

    @Test
    void opensOverTheRateAreRetryableAndGiveBackTheirPlacesWhileRefusalsByALimitCostNoneOfTheRate() {
        // Two opens a second: the third within half a second is over the rate.
        Admission admission = new Admission(new ConnectionLimits(0, 0, 1, 2, Optional.empty()));
        admission.admit(from("a"), List.of("s1"));
        // The stream is full: refused by its limit, and the rate's second open is still there.
        assertEquals(StreamProblem.CONNECTION_LIMIT,
                assertThrows(StreamProblem.class, () -> admission.admit(from("b"), List.of("s1"))).type());
        admission.admit(from("c"), List.of("s2"));

        StreamProblem refused = assertThrows(StreamProblem.class, () -> admission.admit(from("d"), List.of("s3")));

        assertEquals(503, refused.status());
        assertEquals(StreamProblem.CONNECTION_LIMIT, refused.type());
        assertTrue(refused.retryable());
        assertTrue(refused.getMessage().contains("at most 2 streams a second"), refused.getMessage());
        // s3's place was given back: the next client of s3 is refused by the rate, not by the stream's limit, and is
        // let in once the rate has an open again (within half a second).
        StreamProblem byRate = assertThrows(StreamProblem.class, () -> admission.admit(from("e"), List.of("s3")));
        assertTrue(byRate.getMessage().contains("streams a second"), "refused by the rate only: " + byRate.getMessage());
        await("the rate to let a client of s3 in again", () -> admittedUnlessRateRefuses(admission, "f", "s3"));
    }

    /** Whether the client was admitted; false when the rate refused it, a failure for any other refusal. */
    private boolean admittedUnlessRateRefuses(Admission admission, String client, String stream) {
        try {
            admission.admit(from(client), List.of(stream));
            return true;
        } catch (StreamProblem refused) {
            assertTrue(refused.getMessage().contains("streams a second"), "refused by the rate only: " + refused.getMessage());
            return false;
        }
    }

    private Connection from(String client) {
        return new Connection(metrics, "id", client, null);
    }

    @Test
    void aClientWhoseStreamsLeftIsAdmittedAsSoonAsAProbeFindsThemOut() {
        Admission admission = new Admission(new ConnectionLimits(2, 0, 0, 0, Optional.empty()));
        AtomicInteger probes = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            Connection left = from("reloading");
            admission.admit(left, List.of("s"));
            // As a stream whose client closed its socket: the second write to it fails, and the stream ends.
            left.probeWith(() -> {
                if (probes.incrementAndGet() > 2) {
                    left.closed(CloseReason.CLIENT_LEFT);
                }
            });
        }

        long start = System.nanoTime();
        admission.admit(from("reloading"), List.of("s"));
        admission.admit(from("reloading"), List.of("s"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(2, admission.openFor("reloading"));
        assertTrue(millis < Admission.PROBE_WAIT_MILLIS, "admitted after " + millis + " ms");
    }

    @Test
    void aClientWhoseStreamsAreStillThereIsRefusedAfterTheProbesWithoutLosingThem() {
        Admission admission = new Admission(new ConnectionLimits(1, 0, 0, 0, Optional.empty()));
        Connection there = from("a");
        admission.admit(there, List.of("s"));
        AtomicInteger probes = new AtomicInteger();
        there.probeWith(probes::incrementAndGet);

        long start = System.nanoTime();
        StreamProblem refused = assertThrows(StreamProblem.class, () -> admission.admit(from("a"), List.of("s")));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(429, refused.status());
        assertTrue(probes.get() >= 2, "probed " + probes.get() + " times");
        assertTrue(millis >= Admission.PROBE_WAIT_MILLIS - 50 && millis < Admission.PROBE_WAIT_MILLIS + 1_000, millis + " ms");
        assertEquals(1, admission.openFor("a"));
    }

    @Test
    void atMostSoManyRefusedRequestsWaitOnProbesAtOnceTheOthersAreAnsweredAtOnce() throws InterruptedException {
        Admission admission = new Admission(new ConnectionLimits(1, 0, 0, 0, Optional.empty()));
        int clients = Admission.MAX_PROBING + 20;
        for (int c = 0; c < clients; c++) {
            admission.admit(from("c" + c), List.of("s"));
        }
        Queue<Long> refusedAfterMillis = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(clients * 2);
        for (int c = 0; c < clients; c++) {
            for (int twice = 0; twice < 2; twice++) {
                String client = "c" + c;
                new Thread(() -> {
                    long start = System.nanoTime();
                    try {
                        admission.admit(from(client), List.of("s"));
                    } catch (StreamProblem refused) {
                        refusedAfterMillis.add((System.nanoTime() - start) / 1_000_000);
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
        }
        assertTrue(done.await(10, java.util.concurrent.TimeUnit.SECONDS));

        assertEquals(clients * 2, refusedAfterMillis.size(), "nobody got a place");
        long waited = refusedAfterMillis.stream().filter(millis -> millis >= Admission.PROBE_WAIT_MILLIS - 50).count();
        assertTrue(waited <= Admission.MAX_PROBING, waited + " requests waited on probes");
        assertTrue(waited >= 1, "some requests waited on probes");
    }
}
