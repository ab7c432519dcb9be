package io.kafkasse.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What the console page may do in a browser ({@code sse.console.*}): the services of other origins it may talk to
 * (its own always; any other only when listed, so that a link with {@code ?service=} cannot make it send a user's
 * requests elsewhere), and which pages may frame it (none by default). Both go into its Content-Security-Policy.
 */
public record ConsolePolicy(List<String> serviceOrigins, List<String> frameAncestors) {

    /** The policy of the console's files: scripts and styles of its own origin only, no inline code, no plugins. */
    public String contentSecurityPolicy() {
        String connect = serviceOrigins.isEmpty() ? "'self'" : "'self' " + String.join(" ", serviceOrigins);
        String frames = frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
                + "; frame-ancestors " + frames + "; base-uri 'none'; form-action 'self'";
    }

    /** @throws InvalidConfigurationException naming the key of an entry that is not an origin */
    static ConsolePolicy of(List<String> serviceOrigins, List<String> frameAncestors, String serviceKey, String framesKey) {
        serviceOrigins.forEach(origin -> checkOrigin(serviceKey, origin));
        frameAncestors.forEach(origin -> checkOrigin(framesKey, origin));
        return new ConsolePolicy(List.copyOf(serviceOrigins), List.copyOf(frameAncestors));
    }

    private static void checkOrigin(String key, String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new InvalidConfigurationException(key, origin, "origins, each scheme://host[:port]");
    }
}
