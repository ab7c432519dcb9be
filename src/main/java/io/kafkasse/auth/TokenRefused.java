package io.kafkasse.auth;

/**
 * A bearer token that may not be used: malformed, signed by no trusted key, expired, or for another issuer or
 * audience. The message says which, in words a client may be shown (RFC 6750's {@code error_description}); it never
 * quotes the token.
 */
public class TokenRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean expired;

    TokenRefused(String reason) {
        this(reason, false);
    }

    private TokenRefused(String reason, boolean expired) {
        super(reason, null, false, false);
        this.expired = expired;
    }

    static TokenRefused ofExpiry() {
        return new TokenRefused("the token has expired", true);
    }

    /** Whether the token was good but its time is over: the client should fetch a fresh one. */
    public boolean isExpiry() {
        return expired;
    }
}
