package io.kafkasse.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages of other origins may read the API ({@code sse.cors.*}): none (the default), an explicit list of
 * origins, or any ({@code *}, never with credentials: a browser refuses that pair, and it would let every site read
 * with the user's cookies).
 */
public final class CorsPolicy {

    static final String ANY = "*";

    private final Set<String> origins;
    private final boolean any;
    private final boolean credentials;

    private CorsPolicy(Set<String> origins, boolean any, boolean credentials) {
        this.origins = origins;
        this.any = any;
        this.credentials = credentials;
    }

    public static CorsPolicy none() {
        return new CorsPolicy(Set.of(), false, false);
    }

    /**
     * @param allowed the configured origins, each {@code scheme://host[:port]}, or {@code *}
     * @throws InvalidConfigurationException naming the key of what is wrong
     */
    static CorsPolicy of(List<String> allowed, boolean credentials, String originsKey, String credentialsKey) {
        if (allowed.contains(ANY)) {
            if (allowed.size() > 1) {
                throw new InvalidConfigurationException(originsKey, String.join(",", allowed), "either * alone or a list of origins");
            }
            if (credentials) {
                throw new InvalidConfigurationException(credentialsKey, "true",
                        "false while " + originsKey + " is * (any site could read with its users' credentials); list the origins instead");
            }
            return new CorsPolicy(Set.of(), true, false);
        }
        for (String origin : allowed) {
            if (!isOrigin(origin)) {
                throw new InvalidConfigurationException(originsKey, origin,
                        "origins as scheme://host[:port], lower case, without a path (https://console.example.com)");
            }
        }
        return new CorsPolicy(Set.copyOf(allowed), false, credentials);
    }

    /** Whether any other origin may read the API at all. */
    public boolean enabled() {
        return any || !origins.isEmpty();
    }

    /** The {@code Access-Control-Allow-Origin} value for a request from {@code origin}, or null when it may not read. */
    public String allowOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        if (any) {
            return ANY;
        }
        return origins.contains(origin) ? origin : null;
    }

    /** Whether the answer depends on the request's Origin (it does unless every origin gets {@code *}). */
    public boolean variesByOrigin() {
        return !any;
    }

    public boolean allowCredentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return any ? ANY : origins.isEmpty() ? "none" : origins + (credentials ? " with credentials" : "");
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null && origin.equals(origin.toLowerCase(Locale.ROOT));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
