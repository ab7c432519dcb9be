package io.kafkasse.error;

import java.util.Map;

/**
 * A request the caller may not make as it is: 401 (no token, or a token refused) or 403 (a token without a role the
 * request needs), with the RFC 6750 challenge in {@code WWW-Authenticate}. The detail is the same for a stream that
 * does not exist as for one the caller may not read, so that neither answer tells which names exist.
 */
public final class AccessProblem extends StreamProblem {

    private static final long serialVersionUID = 1L;
    private static final String REALM = "Bearer realm=\"kafka-sse\"";

    private final String challenge;

    private AccessProblem(int status, String type, String title, String detail, Map<String, String> fields, String challenge) {
        super(status, type, title, detail, fields);
        this.challenge = challenge;
    }

    /** No token where one is needed. */
    public static AccessProblem tokenNeeded(String what) {
        return new AccessProblem(401, "unauthorized", "Authentication required",
                what + " needs a bearer token (Authorization: Bearer, or the cookie or parameter the service reads)", Map.of(),
                REALM);
    }

    /** A token that was presented and refused: expired, badly signed, for another issuer or audience. */
    public static AccessProblem tokenRefused(String what, String reason, boolean expired) {
        return new AccessProblem(401, expired ? StreamProblem.TOKEN_EXPIRED : "invalid-token",
                expired ? "Token expired" : "Invalid token", what + " needs a valid bearer token; the one sent was refused: " + reason,
                Map.of(), REALM + ", error=\"invalid_token\", error_description=\"" + reason.replace('"', '\'') + "\"");
    }

    /** A valid token without a role the request needs. */
    public static AccessProblem forbidden(String what) {
        return new AccessProblem(403, "forbidden", "Forbidden",
                what + " does not exist or needs a role the token does not have", Map.of(),
                REALM + ", error=\"insufficient_scope\"");
    }

    /** The {@code WWW-Authenticate} value. */
    public String challenge() {
        return challenge;
    }
}
