package io.kafkasse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection lines are queued while the service runs, written in order by the timer, and never lost at a stop. */
class ConnectionLogTest {

    private final Logger logger = Logger.getLogger("io.kafkasse.connections");
    private final List<String> written = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (written) {
                written.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ConnectionLog log = new ConnectionLog();

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void beforeTheServiceRunsALineIsWrittenAtOnce() {
        log.line("one");
        assertEquals(List.of("INFO one"), written);
    }

    @Test
    void whileTheServiceRunsLinesWaitForTheTimerAndComeOutInOrder() {
        log.queue();
        log.line("opened a");
        log.line("opened b");
        log.line("closed a");
        assertEquals(List.of(), written, "nothing is written on the caller's thread");
        log.writeQueued();
        assertEquals(List.of("INFO opened a", "INFO opened b", "INFO closed a"), written);
    }

    @Test
    void linesPastTheBoundAreCountedAndTheCountIsLogged() {
        log.queue();
        for (int i = 0; i < ConnectionLog.CAPACITY + 5; i++) {
            log.line("line " + i);
        }
        log.writeQueued();
        assertEquals(ConnectionLog.CAPACITY + 1, written.size());
        assertEquals("INFO line 0", written.get(0));
        assertEquals("INFO line " + (ConnectionLog.CAPACITY - 1), written.get(ConnectionLog.CAPACITY - 1));
        assertEquals("WARNING 5 connection log lines were dropped: more than " + ConnectionLog.CAPACITY
                + " waited to be written", written.get(ConnectionLog.CAPACITY));
    }

    @Test
    void atTheStopWhatIsQueuedIsWrittenFirstAndLaterLinesAtOnce() {
        log.queue();
        log.line("queued");
        log.direct();
        assertEquals(List.of("INFO queued"), written);
        log.line("at the stop");
        assertEquals(List.of("INFO queued", "INFO at the stop"), written);
    }

    @Test
    void noLineIsLostWhenTheStopComesWhileThreadsWrite() throws Exception {
        log.queue();
        int threads = 4;
        int each = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    log.line(id + "-" + i);
                }
            });
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        log.direct(); // the stop, while they write
        for (Thread writer : writers) {
            writer.join(10_000);
        }
        // No writeQueued() here: after the stop the timer no longer runs, so nothing may be left in the queue.
        assertEquals(threads * each, written.size(), "every line");
        assertEquals(threads * each, written.stream().distinct().count(), "every line once");
        assertTrue(written.stream().allMatch(line -> line.startsWith("INFO ")));
    }
}
