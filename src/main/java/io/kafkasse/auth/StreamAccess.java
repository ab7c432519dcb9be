package io.kafkasse.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import io.kafkasse.config.AccessRules;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.config.TokenSettings;
import io.kafkasse.error.AccessProblem;

/**
 * Who the caller is and what it may read. A request's token is taken from {@code Authorization: Bearer}, else from the
 * configured cookie, else (only when the operator enables it) from {@code access_token} in the query; it is verified
 * only when something the request asks for needs it, so public streams cost no signature check and a stale token
 * sent along to a public stream does no harm.
 */
@ApplicationScoped
public class StreamAccess {

    @Inject
    ServiceConfig config;

    private TokenVerifier verifier;
    private final VerifiedTokens verified = new VerifiedTokens();

    @PostConstruct
    void start() {
        verifier = new TokenVerifier(KeySource.of(config.tokens()), config.tokens());
    }

    public AccessRules rules() {
        return config.access();
    }

    public TokenSettings tokens() {
        return config.tokens();
    }

    /** The token the request carries, unverified; empty when it carries none where the service looks. */
    public Optional<String> tokenOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        TokenSettings tokens = config.tokens();
        if (tokens.cookie().isPresent()) {
            Optional<String> cookie = cookie(request, tokens.cookie().get());
            if (cookie.isPresent()) {
                return cookie;
            }
        }
        if (tokens.queryParameter()) {
            String parameter = request.getParameter(TokenSettings.ACCESS_TOKEN);
            if (parameter != null && !parameter.isBlank()) {
                return Optional.of(parameter.trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies;
        try {
            cookies = request.getCookies();
        } catch (RuntimeException malformed) {
            // A Cookie header the container cannot parse carries no token it could read: as if there were none.
            return Optional.empty();
        }
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name) && !cookie.getValue().isBlank()) {
                    return Optional.of(cookie.getValue().trim());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The verified caller, for a request that needs one.
     *
     * @param what what needs it, for the answer ("Stream 'x'")
     * @throws AccessProblem 401 when there is no token or it is refused
     */
    public Caller identify(Optional<String> token, String what) {
        if (token.isEmpty()) {
            throw AccessProblem.tokenNeeded(what);
        }
        try {
            return verify(token.get());
        } catch (TokenRefused e) {
            throw AccessProblem.tokenRefused(what, e.getMessage(), e.isExpiry());
        }
    }

    /** The verified caller, or empty when there is no token or it is refused: for answers that only leave things out. */
    public Optional<Caller> identifyIfAble(Optional<String> token) {
        if (token.isEmpty() || !config.tokens().enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(verify(token.get()));
        } catch (TokenRefused e) {
            return Optional.empty();
        }
    }

    private Caller verify(String token) throws TokenRefused {
        long now = System.currentTimeMillis();
        Caller caller = verified.get(token, now);
        if (caller == null) {
            // Refused tokens are not kept: the map holds only what a valid signature vouched for.
            caller = verifier.verify(token, now);
            verified.put(token, caller);
        }
        return caller;
    }

    /**
     * Whether a caller may read something that needs these roles (any one of them; none: anyone may, unless every
     * stream needs a token).
     */
    public boolean mayRead(Set<String> roles, Optional<Caller> caller) {
        if (roles.isEmpty()) {
            return !rules().required() || caller.isPresent();
        }
        return caller.isPresent() && caller.get().hasAnyOf(roles);
    }

    /** Checks a request to an operations endpoint ({@code /v2/stats}, {@code /v2/metrics}, {@code /v2/connections}). */
    public void checkOperations(Optional<String> token, String path) {
        Optional<String> role = rules().adminRole();
        if (role.isPresent()) {
            String what = "'" + path.toLowerCase(Locale.ROOT) + "'";
            if (!identify(token, what).roles().contains(role.get())) {
                throw AccessProblem.forbidden(what);
            }
        }
    }
}
