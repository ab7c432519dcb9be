package io.kafkasse.error;

import java.util.Map;

/**
 * The problem for an error status that the JAX-RS runtime or the container answered by itself, without a body of the
 * service's: the same type, title and detail whichever of them noticed it ({@link HttpErrors}, {@link ErrorPage}).
 */
final class StatusProblems {

    private StatusProblems() {
    }

    /** @param reason the status's reason phrase, when the caller has one */
    static StreamProblem of(int status, String reason) {
        String title = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        return new StreamProblem(status, type(status), title, detail(status), Map.of());
    }

    private static String type(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "request-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 431 -> "headers-too-large";
            case 500 -> "internal-error";
            default -> "http-" + status;
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: its path, query or headers are malformed";
            case 404 -> "No resource here: the API is GET /v2/stream/{streams}, /v2/streams, /v2/stats, /v2/metrics and"
                    + " /v2/connections";
            case 405 -> "The resource does not take this method; the Allow header lists those it takes";
            case 406 -> "The resource cannot answer in a type the Accept header allows: streams are text/event-stream,"
                    + " application/x-ndjson or application/json";
            case 413 -> "The request is larger than the server takes";
            case 414 -> "The request's URI is longer than the server takes";
            case 415 -> "The resource does not take a body of this type";
            case 431 -> "The request's headers are larger than the server takes";
            case 500 -> "The request failed on the server; the error was logged";
            default -> "The request was refused with status " + status;
        };
    }
}
