package io.kafkasse.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How bearer tokens are read and verified: MicroProfile JWT's standard {@code mp.jwt.*} keys, and where a request may
 * carry its token besides {@code Authorization: Bearer}. Tokens are off while neither key setting is set.
 *
 * @param publicKey {@code mp.jwt.verify.publickey}: the key itself (PEM, base64 DER, JWK or JWK set)
 * @param publicKeyLocation {@code mp.jwt.verify.publickey.location}: a file, class-path resource or http(s) address
 * @param issuer {@code mp.jwt.verify.issuer}: the {@code iss} a token must have, when set
 * @param audiences {@code mp.jwt.verify.audiences}: a token's {@code aud} must name one of them, when any is set
 * @param algorithm {@code mp.jwt.verify.publickey.algorithm}: the only signature algorithm accepted, when set
 * @param clockSkew {@code mp.jwt.verify.clock.skew}: how far past {@code exp} a token still counts (default 0 here:
 *                  a stream ends when its token does)
 * @param tokenAge {@code mp.jwt.verify.token.age}: the oldest {@code iat} accepted, when set
 * @param cookie {@code sse.auth.cookie} (or MP JWT's {@code mp.jwt.token.cookie} with {@code mp.jwt.token.header=Cookie}):
 *               a cookie read for the token when there is no {@code Authorization} header
 * @param queryParameter {@code sse.auth.query-parameter}: whether {@code access_token} in the query is read (off by
 *                       default: URLs end up in proxies' logs and browsers' histories)
 */
public record TokenSettings(Optional<String> publicKey, Optional<String> publicKeyLocation, Optional<String> issuer,
                            List<String> audiences, Optional<String> algorithm, Duration clockSkew,
                            Optional<Duration> tokenAge, Optional<String> cookie, boolean queryParameter) {

    public static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    public static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    static final String TOKEN_AGE = "mp.jwt.verify.token.age";
    static final String TOKEN_HEADER = "mp.jwt.token.header";
    static final String TOKEN_COOKIE = "mp.jwt.token.cookie";
    static final String COOKIE = "sse.auth.cookie";
    static final String QUERY_PARAMETER = "sse.auth.query-parameter";

    /** The query parameter a token is read from when {@link #queryParameter()} is on. */
    public static final String ACCESS_TOKEN = "access_token";

    public boolean enabled() {
        return publicKey.isPresent() || publicKeyLocation.isPresent();
    }

    @Override
    public String toString() {
        if (!enabled()) {
            return "off";
        }
        return "verified with " + (publicKey.isPresent() ? "the key in " + PUBLIC_KEY : "the keys at " + publicKeyLocation.get())
                + issuer.map(i -> ", issuer " + i).orElse(", any issuer")
                + (audiences.isEmpty() ? "" : ", audiences " + audiences)
                + ", read from Authorization: Bearer" + cookie.map(c -> ", cookie " + c).orElse("")
                + (queryParameter ? ", query parameter " + ACCESS_TOKEN : "");
    }
}
