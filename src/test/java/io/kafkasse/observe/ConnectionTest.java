package io.kafkasse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private final Logger log = Logger.getLogger("io.kafkasse.connections");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ServiceMetrics metrics = new ServiceMetrics();

    @BeforeEach
    void listen() {
        log.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
    }

    @Test
    void oneLineWhenTheStreamStartsAndOneWhenItEndsWithWhatWasSentAndWhy() {
        Connection connection = new Connection(metrics, "req-1", "10.0.0.1", "curl/8.5");
        connection.serves(List.of("orders"), Map.of("orders-eu", "orders", "orders-us", "orders"));
        connection.started();
        connection.sent("orders-eu", 100, 1_000, 1_250);
        connection.sent("orders-us", 50, 1_000, 1_010);
        connection.closed(CloseReason.TOO_SLOW);
        connection.closed(CloseReason.CLIENT_LEFT);

        assertEquals(2, lines.size(), lines.toString());
        assertEquals("stream opened id=req-1 client=10.0.0.1 streams=orders agent=\"curl/8.5\"", lines.get(0));
        assertTrue(lines.get(1).matches("stream closed id=req-1 client=10\\.0\\.0\\.1 streams=orders duration=\\d+\\.\\d{3}s"
                + " events=2 bytes=150 reason=too_slow"), lines.get(1));
        String scrape = metrics.scrape(new ServiceMetrics.Snapshot(Map.of(), Map.of(), List.of(), 0, 0));
        assertTrue(scrape.contains("kafkasse_connections_closed_total{reason=\"too_slow\"} 1.0"), scrape);
        assertTrue(scrape.contains("kafkasse_connections_closed_total{reason=\"client_left\"} 0.0"), scrape);
        assertTrue(scrape.contains("kafkasse_events_sent_total{stream=\"orders\"} 2.0"), scrape);
        assertTrue(scrape.contains("kafkasse_sent_bytes_total{stream=\"orders\"} 150.0"), scrape);
        assertTrue(scrape.contains("kafkasse_delivery_latency_seconds_bucket{stream=\"orders\",le=\"0.01\"} 1"), scrape);
        assertTrue(scrape.contains("kafkasse_delivery_latency_seconds_bucket{stream=\"orders\",le=\"0.25\"} 2"), scrape);
    }

    @Test
    void aRequestRefusedBeforeItsStreamStartedLogsOnlyItsEnd() {
        Connection connection = new Connection(metrics, "req-2", "10.0.0.2", null);
        connection.closed(CloseReason.BAD_REQUEST);

        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("stream closed id=req-2 client=10.0.0.2 streams=- "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" events=0 bytes=0 reason=bad_request"), lines.get(0));
    }

    @Test
    void aStreamThatNeverDeliversLeavesNoMetersBehind() {
        Connection connection = new Connection(metrics, "req-3", "10.0.0.3", null);
        connection.serves(List.of("no-such-topic"), Map.of("no-such-topic", "no-such-topic"));
        connection.closed(CloseReason.BAD_REQUEST);

        String scrape = metrics.scrape(new ServiceMetrics.Snapshot(Map.of(), Map.of(), List.of(), 0, 0));
        assertTrue(!scrape.contains("no-such-topic"), scrape);
    }

    @Test
    void aUserAgentCannotBreakTheLogLine() {
        assertEquals("\"a_b_c_ d_\"", Connection.quoted("a\nb\"c\\ d\u0007"));
        assertEquals(202, Connection.quoted("x".repeat(500)).length());
        assertEquals("-", Connection.quoted(null));
    }
}
