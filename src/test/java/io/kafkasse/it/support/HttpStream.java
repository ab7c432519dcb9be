package io.kafkasse.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 GET over a socket of its own, for streams that never end: closing it closes the socket at once,
 * exactly like a client that goes away (HttpURLConnection may instead wait to drain a keep-alive stream).
 */
final class HttpStream implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 256 * 1024;

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final InputStream body;

    HttpStream(URI uri, Map<String, String> requestHeaders) throws IOException {
        socket = new Socket();
        // A bounded receive window, as a client across a network has, set before connecting (it fixes the window).
        // On loopback Linux grows it up to tcp_rmem's 32 MB: a paused client then took all 30 MB of
        // SharedFanOutIT's too-slow case into its kernel buffer, the server never saw it fall behind, and the test
        // waited for a client-too-slow error that was never due (the stop-19 "stall", 2 runs in about 10).
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        // Streams in the tests write a heartbeat every second: a read that waits this long means a stuck server.
        socket.setSoTimeout(30_000);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();

        InputStream in = new BufferedInputStream(socket.getInputStream());
        String statusLine = line(in);
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).trim(), header.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("Transfer-Encoding", ""))) {
            body = new Chunked(in);
        } else if (headers.containsKey("Content-Length")) {
            body = new Limited(in, Long.parseLong(headers.get("Content-Length")));
        } else {
            body = in;
        }
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name);
    }

    InputStream body() {
        return body;
    }

    String readBody() throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Decodes HTTP/1.1 chunked transfer encoding. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long remaining;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                String size = line(in);
                int extension = size.indexOf(';');
                remaining = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim().toLowerCase(Locale.ROOT), 16);
                if (remaining == 0) {
                    done = true;
                    return -1;
                }
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            remaining -= read;
            if (remaining == 0) {
                line(in);
            }
            return read;
        }
    }

    /** A body of known length. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private long remaining;

        Limited(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }
}
