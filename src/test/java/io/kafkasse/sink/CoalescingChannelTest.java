package io.kafkasse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.Eventually;
import io.kafkasse.error.StreamProblem;

/**
 * The coalescing writer against a servlet output whose readiness the test controls: what a client that reads slowly,
 * or not at all, does to it. The real containers are covered by the integration suite.
 */
class CoalescingChannelTest {

    private static final int LIMIT = 4096;

    private final ControlledOutput out = new ControlledOutput();
    private static final long RETRY = 3000;
    private final AtomicInteger completions = new AtomicInteger();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private CoalescingChannel channel;

    @BeforeEach
    void takeOverAResponse() throws Exception {
        scheduler.setRemoveOnCancelPolicy(true); // a cancelled timer leaves the queue: the tests can see none is left
        channel = open(Duration.ofMillis(200));
    }

    /** A channel that took over a response whose output the test controls, and started. */
    private CoalescingChannel open(Duration writeTimeout) throws Exception {
        HttpServletResponse response = stub(HttpServletResponse.class, (method, args) ->
                method.equals("getOutputStream") ? out : null);
        AsyncContext async = stub(AsyncContext.class, (method, args) -> {
            if (method.equals("getResponse")) {
                return response;
            }
            if (method.equals("complete")) {
                completions.incrementAndGet();
            }
            return null;
        });
        CoalescingChannel opened = new CoalescingChannel(RETRY, LIMIT, scheduler, writeTimeout);
        opened.attach(async);
        opened.start("[0]");
        return opened;
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void opensWithACommentAndTheReconnectDelayThenSendsABatchInOneWrite() {
        channel.message("[1]", "{\"n\":1}");
        channel.message("[2]", "{\"n\":2}");
        int writesBefore = out.writes;
        channel.flush();

        assertEquals(writesBefore + 1, out.writes, "one write for the batch");
        assertEquals(": ok\nretry: 3000\n\nevent: message\nid: [1]\ndata: {\"n\":1}\n\nevent: message\nid: [2]\ndata: {\"n\":2}\n\n",
                out.text());
    }

    @Test
    void aClientThatTakesNothingBacklogsTheChannelAndIsResumedWhenItReadsAgain() {
        AtomicInteger resumed = new AtomicInteger();
        channel.whenWritable(resumed::incrementAndGet);
        out.ready = false;
        channel.message("[1]", "{\"n\":1}");
        channel.flush();
        assertTrue(channel.isBacklogged());
        assertFalse(out.text().contains("[1]"), "nothing written while the container is not ready");

        out.ready = true;
        channel.onWritePossible();

        assertFalse(channel.isBacklogged());
        assertEquals(1, resumed.get(), "the stream is told it may go on");
        assertTrue(out.text().endsWith("id: [1]\ndata: {\"n\":1}\n\n"));
    }

    @Test
    void writingOnPastTheLimitWhileBackloggedIsTooSlow() {
        out.ready = false;
        String big = "x".repeat(LIMIT);
        channel.message("[1]", "\"" + big + "\"");
        channel.flush();
        StreamProblem problem = assertThrows(StreamProblem.class, () -> channel.message("[2]", "{}"));
        assertEquals(503, problem.status());
    }

    @Test
    void aTooSlowClientGetsAnErrorWithTheIdOfTheLastEventItWasGivenAndTheRestIsDropped() {
        channel.message("[1]", "{\"n\":1}");
        channel.flush();
        out.ready = false;
        channel.message("[2]", "\"" + "x".repeat(LIMIT) + "\"");
        channel.flush();

        channel.fail(StreamProblem.tooSlowToSend(LIMIT));
        out.ready = true;
        channel.onWritePossible();

        String text = out.text();
        assertFalse(text.contains("id: [2]"), "the events the client never took are dropped");
        assertTrue(text.contains("event: error\nid: [1]\n"), text);
        assertEquals(1, completions.get(), "the response ends once the error is handed over");
    }

    @Test
    void aPlannedEndGoesOutAfterWhatWasPendingWithTheResumeIdAndRetryThenTheResponseEnds() {
        out.ready = false;
        channel.message("[1]", "{\"n\":1}");
        channel.flush();

        channel.finish("[1,filtered-past]", StreamEnd.DRAINING, 12_345);
        assertFalse(channel.isOpen());
        assertEquals(0, completions.get(), "not before the client took the end");
        out.ready = true;
        channel.onWritePossible();

        String text = out.text();
        int message = text.indexOf("id: [1]\n");
        int end = text.indexOf("event: end\nid: [1,filtered-past]\nretry: 12345\ndata: {\"reason\":\"draining\",");
        assertTrue(message >= 0 && end > message, "the message, then the end event: " + text);
        assertTrue(text.endsWith("\"retry\":12345}\n\n"), text);
        assertEquals(1, completions.get(), "the response ends once the end event is handed over");
    }

    @Test
    void aLastFrameTheClientTakesLeavesNoTimerBehind() {
        // A timer left to fire after an undeploy fails on a server whose module is gone (an error in its log).
        endWhileTheClientReadsNothing();
        assertEquals(1, scheduler.getQueue().size(), "the cut-off for a client that never reads again");

        out.ready = true;
        channel.onWritePossible();

        assertEquals(1, completions.get());
        assertTrue(scheduler.getQueue().isEmpty(), "the cut-off is cancelled once the client took the end");
    }

    @Test
    void aLastFrameTheClientNeverTakesIsCutOffAfterTheWriteTimeout() {
        endWhileTheClientReadsNothing();

        Eventually.await("the response to be ended by the cut-off", () -> completions.get() == 1);
    }

    /** An event the client has not read, then the stream's end queued after it. */
    private void endWhileTheClientReadsNothing() {
        out.ready = false;
        channel.message("[1]", "{\"n\":1}");
        channel.flush();
        channel.finish("[1]", StreamEnd.DRAINING, 1000);
    }

    @Test
    void aPollLoopWaitsForTheClientAndGivesUpAfterTheWriteTimeout() {
        out.ready = false;
        channel.message("[1]", "{}");
        channel.flush();
        long start = System.nanoTime();
        assertThrows(StreamProblem.class, channel::awaitWritable);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
    }

    @Test
    void aThreadWaitingForTheClientIsReleasedAtOnceWhenTheConnectionFails() throws Exception {
        assertAWaitingThreadIsReleasedWhen(patient -> patient.onError(new IOException("connection reset")));
    }

    @Test
    void aThreadWaitingForTheClientIsReleasedAtOnceWhenTheStreamIsClosed() throws Exception {
        assertAWaitingThreadIsReleasedWhen(CoalescingChannel::close);
    }

    @Test
    void aThreadWaitingForTheClientIsReleasedAtOnceWhenTheContainerEndsTheResponse() throws Exception {
        assertAWaitingThreadIsReleasedWhen(patient -> patient.onComplete(new AsyncEvent(stub(AsyncContext.class, (method, args) -> null))));
    }

    /**
     * A history read blocked in awaitWritable() for a client that took nothing: when the client goes away it returns
     * promptly (well before the write timeout of a minute), without a too-slow failure, to a channel that is closed.
     */
    private void assertAWaitingThreadIsReleasedWhen(Consumer<CoalescingChannel> clientGoesAway) throws Exception {
        CoalescingChannel patient = open(Duration.ofMinutes(1));
        out.ready = false;
        patient.message("[1]", "{}");
        patient.flush();
        assertTrue(patient.isBacklogged());
        CompletableFuture<Void> waited = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                patient.awaitWritable();
                waited.complete(null);
            } catch (Throwable e) {
                waited.completeExceptionally(e);
            }
        }, "history-read");
        waiter.start();
        Eventually.awaitBlocked(waiter);

        clientGoesAway.accept(patient);

        waited.get(10, TimeUnit.SECONDS); // fails with a TimeoutException if it still waits, or with what it threw
        assertFalse(patient.isOpen());
    }

    /** A servlet output that takes writes only while {@link #ready}. */
    private static final class ControlledOutput extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean ready = true;
        int writes;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
            written.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!ready) {
                throw new IllegalStateException("written while not ready");
            }
            writes++;
            written.write(b, off, len);
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result = answer.answer(method.getName(), args);
                    if (result == null && method.getReturnType() == boolean.class) {
                        return false;
                    }
                    if (result == null && method.getReturnType() == int.class) {
                        return 0;
                    }
                    return result;
                });
    }
}
