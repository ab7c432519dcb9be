package io.kafkasse.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.kafkasse.config.InvalidConfigurationException;
import io.kafkasse.config.TokenSettings;

/**
 * Where the verification keys come from: {@code mp.jwt.verify.publickey} itself, or the file, class-path resource
 * or HTTP(S) address in {@code mp.jwt.verify.publickey.location}. A local key is read once, at deployment, and a bad
 * one fails it; keys at an address (an identity provider's JWK set) are fetched when first needed and again, at most
 * once a minute, when a token names a key the service does not have (keys rotate), keeping the old ones if that fails.
 */
public class KeySource {

    private static final Logger LOG = Logger.getLogger(KeySource.class.getName());
    private static final long REFETCH_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int MAX_KEY_BYTES = 256 * 1024;

    private final URI remote;
    private volatile List<PublicKeys.Named> keys;
    private volatile long fetchedAt;
    private final Object fetching = new Object();

    private KeySource(List<PublicKeys.Named> keys, URI remote) {
        this.keys = keys;
        this.remote = remote;
    }

    /** The keys the settings name; none (and tokens off) when neither key setting is set. */
    public static KeySource of(TokenSettings settings) {
        if (settings.publicKey().isPresent()) {
            return new KeySource(parse(TokenSettings.PUBLIC_KEY, settings.publicKey().get()), null);
        }
        if (settings.publicKeyLocation().isEmpty()) {
            return new KeySource(List.of(), null);
        }
        String location = settings.publicKeyLocation().get().trim();
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new KeySource(List.of(), URI.create(location));
        }
        return new KeySource(parse(TokenSettings.PUBLIC_KEY_LOCATION, read(location)), null);
    }

    static KeySource fixed(List<PublicKeys.Named> keys) {
        return new KeySource(keys, null);
    }

    List<PublicKeys.Named> keys() {
        if (remote != null && fetchedAt == 0) {
            refreshed();
        }
        return keys;
    }

    /** The keys fetched again, when they come from an address and were not fetched in the last minute. */
    Optional<List<PublicKeys.Named>> refreshed() {
        if (remote == null) {
            return Optional.empty();
        }
        synchronized (fetching) {
            long now = System.nanoTime();
            if (fetchedAt != 0 && now - fetchedAt < REFETCH_NANOS) {
                return Optional.empty();
            }
            fetchedAt = now == 0 ? 1 : now;
            try {
                HttpResponse<InputStream> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(remote).timeout(Duration.ofSeconds(5)).GET().build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                byte[] body;
                try (InputStream in = answer.body()) {
                    // Read no more than the bound (and one byte to tell it was passed), whatever the address sends.
                    body = in.readNBytes(MAX_KEY_BYTES + 1);
                }
                if (answer.statusCode() != 200 || body.length > MAX_KEY_BYTES) {
                    throw new IOException("answered " + answer.statusCode() + (body.length > MAX_KEY_BYTES
                            ? " with more than " + MAX_KEY_BYTES + " bytes" : ""));
                }
                keys = PublicKeys.parse(new String(body, StandardCharsets.UTF_8));
                return Optional.of(keys);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warning(() -> "Could not fetch the token verification keys from " + remote + " (" + e.getMessage()
                        + "); tokens are checked against the " + keys.size() + " keys fetched before; trying again in a minute");
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    public boolean isEmpty() {
        return remote == null && keys.isEmpty();
    }

    private static List<PublicKeys.Named> parse(String key, String text) {
        try {
            return PublicKeys.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "(key material)", e.getMessage());
        }
    }

    /** A file (a path or a file: URL), else a class-path resource, as MicroProfile JWT reads the location. */
    private static String read(String location) {
        try {
            Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // not a readable file: a class-path resource, perhaps
        }
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        resource = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : KeySource.class.getClassLoader()).getResourceAsStream(resource)) {
            if (in != null) {
                return new String(in.readNBytes(MAX_KEY_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new InvalidConfigurationException(TokenSettings.PUBLIC_KEY_LOCATION, location,
                "a readable file, file: URL, class-path resource or http(s) address of the verification key");
    }
}
