package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsShortAndIsoForms() {
        assertEquals(Duration.ofSeconds(15), Durations.parse("k", "15s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("k", "500ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("k", " 2m "));
        assertEquals(Duration.ofHours(1), Durations.parse("k", "1h"));
        assertEquals(Duration.ofSeconds(15), Durations.parse("k", "PT15S"));
    }

    @Test
    void refusesNonsenseWithAMessageNamingTheKey() {
        for (String bad : new String[] {"", "fast", "15", "-1s", "0s", "PTxS"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> Durations.parse("sse.heartbeat-interval", bad));
            assertTrue(e.getMessage().contains("sse.heartbeat-interval"), e.getMessage());
        }
    }
}
