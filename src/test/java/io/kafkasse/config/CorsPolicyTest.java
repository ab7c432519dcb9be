package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    private static CorsPolicy of(boolean credentials, String... origins) {
        return CorsPolicy.of(List.of(origins), credentials, "sse.cors.allowed-origins", "sse.cors.allow-credentials");
    }

    @Test
    void noOriginsMeansNoCors() {
        CorsPolicy none = of(false);
        assertFalse(none.enabled());
        assertNull(none.allowOrigin("https://a.example"));
    }

    @Test
    void aListedOriginIsEchoedAndNoOtherOne() {
        CorsPolicy listed = of(false, "https://console.example.com", "http://127.0.0.1:8081");
        assertEquals("https://console.example.com", listed.allowOrigin("https://console.example.com"));
        assertEquals("http://127.0.0.1:8081", listed.allowOrigin("http://127.0.0.1:8081"));
        assertNull(listed.allowOrigin("http://127.0.0.1:8082"));
        assertNull(listed.allowOrigin("https://console.example.com.evil.example"));
        assertNull(listed.allowOrigin("null"));
        assertTrue(listed.variesByOrigin());
    }

    @Test
    void aStarAllowsEveryOriginWithoutCredentials() {
        CorsPolicy any = of(false, "*");
        assertEquals("*", any.allowOrigin("https://anything.example"));
        assertFalse(any.variesByOrigin());
        assertFalse(any.allowCredentials());
    }

    @Test
    void aStarWithCredentialsFailsTheDeploymentNamingTheKey() {
        InvalidConfigurationException wrong = assertThrows(InvalidConfigurationException.class, () -> of(true, "*"));
        assertTrue(wrong.getMessage().contains("sse.cors.allow-credentials"), wrong.getMessage());
    }

    @Test
    void somethingThatIsNotAnOriginFailsTheDeployment() {
        for (String bad : new String[] {"console.example.com", "https://a.example/path", "ftp://a.example", "https://A.example",
                "*,https://a.example"}) {
            InvalidConfigurationException wrong = assertThrows(InvalidConfigurationException.class,
                    () -> of(false, bad.split(",")), bad);
            assertTrue(wrong.getMessage().contains("sse.cors.allowed-origins"), wrong.getMessage());
        }
    }
}
