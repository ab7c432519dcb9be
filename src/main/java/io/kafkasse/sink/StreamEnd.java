package io.kafkasse.sink;

/**
 * Why a healthy stream was ended on purpose, with {@code retry:} and the id to resume from: not an error, so the last
 * frame is an {@code end} event (an EventSource's {@code onmessage} and {@code error} listeners never see it; it
 * reconnects after {@code retry} with {@code Last-Event-ID}, here or on another instance).
 */
public enum StreamEnd {

    /** The server stops or the WAR is undeployed: streams end one by one over {@code sse.drain-period}. */
    DRAINING("draining", "The server is stopping or redeploying; reconnect with this id to resume, here once it is back or on another instance"),
    /** The stream reached {@code sse.max-lifetime}: clients move between instances over time. */
    LIFETIME("lifetime", "The stream reached its maximum lifetime; reconnect with this id to resume");

    private final String reason;
    private final String detail;

    StreamEnd(String reason, String detail) {
        this.reason = reason;
        this.detail = detail;
    }

    /** The short code in the event's data, and in the close logs. */
    public String reason() {
        return reason;
    }

    /**
     * The {@code end} event's data: {@code {"reason":..., "detail":..., "retry": ms}}. Written by hand, not with JSON-P:
     * it is written at a JVM exit, when a server may no longer look up providers (the texts have nothing to escape).
     */
    public String toJson(long retryMillis) {
        return "{\"reason\":\"" + reason + "\",\"detail\":\"" + detail + "\",\"retry\":" + retryMillis + "}";
    }
}
