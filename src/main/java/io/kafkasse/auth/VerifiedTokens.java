package io.kafkasse.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, so that a client reconnecting with the same token (every EventSource does, every few
 * seconds to hours) does not pay the signature check again: measured on this machine, RS256 about 115 µs and ES256
 * about 1.2 ms each, which a reconnect storm of thousands of clients would pay at once. Keyed by the token's SHA-256
 * (a token may be 8 KiB), holding only tokens that passed; an entry counts until the token's expiry. Bounded: when full
 * it is emptied, and the next requests verify again.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();

    /** The caller a token was verified as, if it was and has not expired since. */
    Caller get(String token, long nowMillis) {
        Caller caller = callers.get(key(token));
        return caller != null && nowMillis < caller.expiresAtMillis() ? caller : null;
    }

    void put(String token, Caller caller) {
        if (callers.size() >= MAX_ENTRIES) {
            callers.clear();
        }
        callers.put(key(token), caller);
    }

    int size() {
        return callers.size();
    }

    private static String key(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
