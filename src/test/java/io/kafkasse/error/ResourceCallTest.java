package io.kafkasse.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Optional;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against methods declared like the real endpoints' (the interceptor sees nothing else of them). */
class ResourceCallTest {

    private static final String ID = "[{\"topic\":\"orders\",\"partition\":0,\"offset\":43}]";
    private static final String OTHER_ID = "{\"orders\":[7]}";

    @SuppressWarnings("unused")
    static class Endpoints {
        @Produces("text/event-stream;qs=1")
        public void events(@PathParam("streams") String streams, @HeaderParam("Last-Event-ID") String lastEventId,
                           @QueryParam("last_event_id") String lastEventIdParameter, @QueryParam("since") String since) {
        }

        @Produces({"application/x-ndjson;qs=0.5", "application/json;qs=0.4"})
        public Object json(@PathParam("streams") String streams, @HeaderParam("Last-Event-ID") String lastEventId,
                           @QueryParam("last_event_id") String lastEventIdParameter, @QueryParam("since") String since) {
            return null;
        }

        @Produces("application/json, TEXT/Event-Stream")
        public void either() {
        }

        public void unannotated(String lastEventId) {
        }
    }

    @Test
    void aMethodProducingEventStreamAnswersSse() {
        assertTrue(call("events", "s", null, null, null).answersSse());
        assertTrue(call("either").answersSse());
    }

    @Test
    void otherMethodsDoNot() {
        assertFalse(call("json", "s", ID, null, null).answersSse());
        assertFalse(call("unannotated", ID).answersSse());
    }

    @Test
    void theHeaderIsTheResumeIdExactlyAsGiven() {
        assertEquals(Optional.of(ID), call("events", "s", ID, null, null).resumeId());
    }

    @Test
    void theQueryParameterWhenThereIsNoHeader() {
        assertEquals(Optional.of(OTHER_ID), call("events", "s", null, OTHER_ID, null).resumeId());
        assertEquals(Optional.of(OTHER_ID), call("events", "s", " ", OTHER_ID, null).resumeId());
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() {
        assertEquals(Optional.of(ID), call("events", "s", ID, OTHER_ID, null).resumeId());
    }

    @Test
    void noResumeIdWhenTheClientGaveNone() {
        assertEquals(Optional.empty(), call("events", "s", null, null, "2026-11-22").resumeId());
        assertEquals(Optional.empty(), call("events", "s", "", "", null).resumeId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "[{\"topic\":\"t\",\"partition\":0}]", "[\n{\"topic\":\"t\",\"partition\":0,\"offset\":1}]",
            "[{\"topic\":\"t\",\"partition\":0,\"offset\":1}]\r", "{\"t\":[1]}\u0000"})
    void noResumeIdForOneThatIsNotOursOrCannotStandOnAnIdLine(String id) {
        assertEquals(Optional.empty(), call("events", "s", null, id, null).resumeId());
    }

    @Test
    void noResumeIdFromParametersNotNamedForIt() {
        assertEquals(Optional.empty(), call("unannotated", ID).resumeId());
    }

    private static ResourceCall call(String name, Object... arguments) {
        Method method = java.util.Arrays.stream(Endpoints.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        return ResourceCall.of(method, arguments);
    }
}
