package io.kafkasse.error;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import io.kafkasse.observe.Connection;
import io.kafkasse.position.LastEventId;

/**
 * What a failed invocation says about its client: whether the JAX-RS runtime routed the request to a method that
 * produces {@code text/event-stream} (content negotiation already chose SSE for this client), and the position the
 * client asked to resume from. Read from the method's annotations, so that no endpoint has to pass anything along.
 */
final class ResourceCall {

    static final String SSE = "text/event-stream";
    /** The names the stream endpoints read the client's position from. */
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    static final String LAST_EVENT_ID_PARAMETER = "last_event_id";

    private final boolean answersSse;
    private final String header;
    private final String parameter;
    private final Connection connection;

    private ResourceCall(boolean answersSse, String header, String parameter, Connection connection) {
        this.answersSse = answersSse;
        this.header = header;
        this.parameter = parameter;
        this.connection = connection;
    }

    static ResourceCall of(Method method, Object[] arguments) {
        String header = null;
        String parameter = null;
        Connection connection = null;
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length && i < arguments.length; i++) {
            if (arguments[i] instanceof HttpServletRequest http && http.getAttribute(Connection.ATTRIBUTE) instanceof Connection c) {
                connection = c;
            }
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof HeaderParam named && named.value().equalsIgnoreCase(LAST_EVENT_ID_HEADER)
                        && arguments[i] instanceof String value) {
                    header = value;
                } else if (annotation instanceof QueryParam named && named.value().equals(LAST_EVENT_ID_PARAMETER)
                        && arguments[i] instanceof String value) {
                    parameter = value;
                }
            }
        }
        return new ResourceCall(producesSse(method), header, parameter, connection);
    }

    /** The request was routed to an SSE method: its client is (or acts as) an EventSource. */
    boolean answersSse() {
        return answersSse;
    }

    /** The request being answered, when the endpoint was given its servlet request. */
    Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    /**
     * The client's own {@code Last-Event-ID}, exactly as given: the header, else the query parameter (the rule the
     * request reader follows). Empty when the client gave none, or gave one that is not an id of ours or could not
     * stand on an SSE {@code id:} line (a line break would end it early, a NUL makes an EventSource ignore it).
     */
    Optional<String> resumeId() {
        String id = present(header) ? header : parameter;
        if (!present(id) || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0 || id.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            LastEventId.parse(id);
            return Optional.of(id);
        } catch (StreamProblem invalid) {
            return Optional.empty();
        }
    }

    private static boolean producesSse(Method method) {
        Produces produces = method.isAnnotationPresent(Produces.class) ? method.getAnnotation(Produces.class)
                : method.getDeclaringClass().getAnnotation(Produces.class);
        return produces != null && Arrays.stream(produces.value())
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch(SSE::equals);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
