package io.kafkasse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.kafkasse.config.TokenSettings;
import io.kafkasse.it.support.BearerTokens;

/** Keys at an address (an identity provider's JWK set): fetched when first needed, bounded, fetched again at most once a minute. */
class KeySourceTest {

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>(BearerTokens.jwks());
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void serveTheKeys() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TokenVerifier verifier() {
        TokenSettings settings = new TokenSettings(Optional.empty(),
                Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"), Optional.empty(), List.of(),
                Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty(), false);
        return new TokenVerifier(KeySource.of(settings), settings);
    }

    @Test
    void keysAtAnAddressAreFetchedOnceAndVerifyTokens() throws Exception {
        TokenVerifier verifier = verifier();
        assertEquals(0, fetches.get(), "nothing fetched before a token needs it");
        for (int i = 0; i < 3; i++) {
            assertEquals("ana", verifier.verify(BearerTokens.token("ana", List.of(), Instant.now().plusSeconds(60)),
                    System.currentTimeMillis()).name());
        }
        // A token of a key the source does not have may fetch again, but not within the minute.
        assertThrows(TokenRefused.class, () -> verifier.verify(BearerTokens.signByStranger(BearerTokens.claims("eve",
                List.of(), "i", "a", Instant.now().plusSeconds(60))), System.currentTimeMillis()));
        assertEquals(1, fetches.get());
    }

    @Test
    void aKeySetLargerThanTheBoundIsNotRead() {
        body.set(" ".repeat(300 * 1024) + BearerTokens.jwks());
        TokenVerifier verifier = verifier();
        TokenRefused refused = assertThrows(TokenRefused.class, () -> verifier.verify(
                BearerTokens.token("ana", List.of(), Instant.now().plusSeconds(60)), System.currentTimeMillis()));
        assertTrue(refused.getMessage().contains("signature does not verify"), refused.getMessage());
    }
}
