package io.kafkasse.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request written byte for byte as given, which no HTTP client library sends (a path with a malformed
 * escape, raw bytes that are not UTF-8, a header line of a megabyte). The answer is read up to its end, or, for a
 * stream, up to its first bytes after the headers; then the socket is closed, as a client that leaves.
 */
public final class RawHttp {

    /** The most of a body kept: a problem is far smaller; a stream is cut there. */
    private static final int MAX_BODY = 64 * 1024;

    /**
     * @param status 0 when the server closed the connection without a status line
     * @param millis how long the whole answer took
     */
    public record Answer(int status, Map<String, String> headers, String body, long millis) {

        public String contentType() {
            return headers.getOrDefault("Content-Type", "");
        }
    }

    private RawHttp() {
    }

    /** @param target the request target after the deployment's context path, sent exactly as given */
    public static Answer send(URL base, String method, byte[] target, Map<String, String> headers, Duration timeout)
            throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + base.getPath().replaceAll("/$", "")).getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(target);
            StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may refuse and close before reading all of a huge request: its answer is still read.
            }
            return read(socket.getInputStream(), start);
        }
    }

    private static Answer read(InputStream in, long start) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int status = 0;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
                while (headEnd < 0) {
                    headEnd = indexOf(all.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (headEnd < 0) {
                        break;
                    }
                    status = parseHead(new String(all.toByteArray(), 0, headEnd, StandardCharsets.ISO_8859_1), headers);
                    if (status >= 100 && status < 200) {
                        // An interim answer (100 Continue to an Expect): the real one follows, as any HTTP client reads it.
                        byte[] rest = Arrays.copyOfRange(all.toByteArray(), headEnd + 4, all.size());
                        all.reset();
                        all.writeBytes(rest);
                        headers.clear();
                        headEnd = -1;
                    }
                }
                boolean stream = headers.getOrDefault("Content-Type", "").startsWith("text/event-stream")
                        || headers.getOrDefault("Content-Type", "").startsWith("application/x-ndjson");
                if (headEnd >= 0 && (stream && all.size() > headEnd + 4 || all.size() > headEnd + 4 + MAX_BODY)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (headEnd < 0) {
                throw e;
            }
        } catch (IOException e) {
            if (headEnd < 0 && all.size() == 0) {
                return new Answer(0, headers, "", (System.nanoTime() - start) / 1_000_000); // closed without an answer
            }
            if (headEnd < 0) {
                throw e;
            }
        }
        if (headEnd < 0) {
            return new Answer(0, headers, all.toString(StandardCharsets.ISO_8859_1), (System.nanoTime() - start) / 1_000_000);
        }
        byte[] bytes = all.toByteArray();
        String body = new String(bytes, headEnd + 4, bytes.length - headEnd - 4, StandardCharsets.UTF_8);
        if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            body = unchunked(body);
        }
        return new Answer(status, headers, body, (System.nanoTime() - start) / 1_000_000);
    }

    private static int parseHead(String head, Map<String, String> headers) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        return statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
    }

    /** The body of a chunked answer without its chunk sizes (as text: enough to read a problem). */
    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = chunked.substring(at, lineEnd).split(";")[0].trim().toLowerCase(Locale.ROOT);
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int end = Math.min(chunked.length(), lineEnd + 2 + size);
            body.append(chunked, lineEnd + 2, end);
            at = end + 2;
        }
        return body.toString();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
