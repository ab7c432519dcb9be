package io.kafkasse.config;

import java.util.Optional;

/**
 * How many streams may be open at once ({@code sse.limits.*}); 0 is no limit.
 *
 * @param perClient    for one client (its address, or the value of {@code clientHeader} when set)
 * @param total        for the whole server
 * @param perStream    for each stream name (a client of several streams counts in each)
 * @param opensPerSecond streams opened a second by the whole server, in bursts of up to a second's worth; the excess
 *                     gets the retryable answer (a reconnect storm comes in at this pace)
 * @param clientHeader the header a trusted proxy sets to the client's address ({@code X-Forwarded-For},
 *                     {@code X-Client-IP}); empty to use the connection's remote address
 */
public record ConnectionLimits(int perClient, int total, int perStream, int opensPerSecond, Optional<String> clientHeader) {

    public static final int NONE = 0;

    public boolean any() {
        return perClient > NONE || total > NONE || perStream > NONE || opensPerSecond > NONE;
    }
}
