package io.kafkasse.auth;

import java.util.Set;

/**
 * Who sent a request, as its verified bearer token says: a name for the logs, the roles ({@code groups}) that
 * authorize streams, and when the token expires (streams opened with it end then).
 *
 * @param name the token's {@code upn}, else {@code preferred_username}, else {@code sub}
 * @param roles the token's {@code groups}
 * @param expiresAtMillis the token's {@code exp}, in epoch milliseconds
 */
public record Caller(String name, Set<String> roles, long expiresAtMillis) {

    public boolean hasAnyOf(Set<String> wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
