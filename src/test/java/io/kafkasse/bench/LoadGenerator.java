package io.kafkasse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load generator: a separate JVM, so that its CPU and garbage do not count against the server's, that holds N SSE
 * connections on one thread with non-blocking sockets (a thread per connection would cost more than the server
 * spends). It measures, per delivery, the receive time minus the record's {@code _kafka.timestamp}, which the producer
 * set on the same machine and clock, and checks that each client gets every record exactly once.
 *
 * <p>It depends on nothing but the JDK, so its classpath is just the test classes. The runner drives it over
 * stdin/stdout, one command or answer per line (see {@link GeneratorProcess}):
 * <pre>
 *   out: READY opened=N failed=F            all connections answered (first SSE comment) or failed
 *   in:  START o0 o1 ...                    the end offsets of each partition before producing: every client expects all records from there
 *   out: STARTED                            the runner may produce
 *   in:  MEASURE m0 m1 ...                  the end offsets after the warm-up: latency counts records from there on
 *   in:  END e0 e1 ... drainMillis          production ended at these end offsets: wait for them, at most drainMillis
 *   out: RESULT key=value ...               then it exits
 * </pre>
 * For the reconnect storm it takes the offsets to resume from as a sixth argument ({@code o0,o1,...}): every client
 * sends them as {@code Last-Event-ID}, all connect at once, and their ledgers start there. Then
 * <pre>
 *   in:  CATCHUP c0 c1 ...                  the end offsets when the storm began: a client has caught up once it has them all
 * </pre>
 * and RESULT also reports the time to each client's first event and until the last one caught up.
 *
 * <p>For the connection burst ({@link BurstScenario}) it is started with {@code -Dgenerator.spreadMillis=S}: it says
 * {@code WAITING}, and on {@code CONNECT} opens client i at i·S/N ms, without waiting for earlier ones to answer, from
 * the source address {@code -Dgenerator.source} (a 127.x address of its own, for ephemeral ports). A client that has
 * no answer within {@code -Dgenerator.openTimeoutMillis} counts as failed; failures are counted by kind. Records that
 * arrive before START are not checked (the topic is live while clients connect); at the end it writes each client's
 * connect, first-byte and open times to {@code -Dgenerator.times}, and RESULT also says how many clients reached the
 * END offsets.
 *
 * <p>For many topics ({@link TopicsScenario}) it is started with {@code -Dgenerator.topics=F}, a file of topic names
 * one a line, and a path that ends with {@code /} ({@code /v2/stream/}): client i requests that path followed by topic
 * i mod N, so each topic's first client connects before any topic's second one. Every event must name the client's
 * own topic in {@code _kafka.topic} (others count as wrong-topic and are not checked further); READY also gives the
 * time from the first connect until the last stream was open, and the open time p50/p99; RESULT also says how many
 * records were delivered, how many clients reached the END offsets, and how many events named another topic.
 *
 * <p>For a server restart ({@link RestartScenario}) it is started with {@code -Dgenerator.reconnect=true}: each client
 * then behaves as a browser's EventSource, reconnecting after the last {@code retry:} it was given, with
 * {@code Last-Event-ID} from what it received, whenever its connection is refused or cut or its stream ends, and giving
 * up for good on any answer that is not a 200 stream. {@code CATCHUP} marks the moment the new server was ready; RESULT
 * also reports reconnections, refusals, clients that gave up, {@code end} events, and the time from that moment until
 * each client had every record produced before it (p50, p99, max).
 */
public final class LoadGenerator {

    /** Connections opened but not yet answered: opening a dedicated stream costs the server a Kafka round trip. */
    private static final int MAX_PENDING_OPENS = 100;

    private final InetSocketAddress server;
    private final byte[] request;
    private final int clients;
    private final int partitions;
    private final Selector selector;
    private final Queue<String> commands = new ConcurrentLinkedQueue<>();
    private final List<Client> all = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final KafkaFields fields = new KafkaFields();
    private final LatencyHistogram latency = new LatencyHistogram();

    private int pendingOpens;
    private int opened;
    private int failed;
    private int closedByServer;
    private String firstFailure;
    private long now;
    private long[] measureFrom;
    private long deliveries;
    private long deliveriesAtMeasure;
    private long cpuAtMeasure;
    private long wallAtMeasure;
    private long[] endOffsets;
    private long drainDeadline;
    private final long[] resumeFrom;
    private final int maxPendingOpens;
    private final LatencyHistogram firstEvent = new LatencyHistogram();
    private long[] catchUpTarget;
    private long firstConnectAt;
    private long lastCaughtUpAt;
    private int caughtUp;

    // The connection burst (see the class comment): inactive unless generator.spreadMillis is set.
    private final long spreadMillis = Long.getLong("generator.spreadMillis", 0);
    private final long openTimeoutMillis = Long.getLong("generator.openTimeoutMillis", 60_000);
    private final String source = System.getProperty("generator.source");
    private final String timesFile = System.getProperty("generator.times");
    private boolean connecting = spreadMillis == 0;
    private long burstStartNanos;
    private long[] checkFrom;
    private long nextTimeoutScan;
    private final java.util.Map<String, Integer> failureKinds = new java.util.TreeMap<>();

    // Many topics (see the class comment): inactive unless generator.topics is set.
    // A server restart (see the class comment): inactive unless generator.reconnect is set.
    private final boolean reconnect = Boolean.getBoolean("generator.reconnect");
    private final String host;
    private final String path;
    private final List<Client> reconnecting = new ArrayList<>();
    /** Churn (the soak): this many open clients a second close their connection and reconnect as an EventSource would. */
    private final double churnPerSecond = Double.parseDouble(System.getProperty("generator.churnPerSecond", "0"));
    private final java.util.Random churnPick = new java.util.Random(42);
    private long nextChurn;
    private int churned;
    private int reopened;
    private int refused;
    private int gaveUp;
    private int endEvents;
    private long catchUpSince;
    private final LatencyHistogram caughtUpAfter = new LatencyHistogram();

    private final String[] topics;
    private final byte[][] topicRequests;
    private final byte[][] topicNames;
    private long wrongTopic;

    private LoadGenerator(String host, int port, String path, int clients, int partitions, long[] resumeFrom) throws IOException {
        this.server = new InetSocketAddress(host, port);
        this.host = host + ":" + port;
        this.path = path;
        String topicsFile = System.getProperty("generator.topics");
        if (topicsFile != null) {
            this.topics = java.nio.file.Files.readAllLines(java.nio.file.Path.of(topicsFile)).stream()
                    .map(String::trim).filter(line -> !line.isEmpty()).toArray(String[]::new);
            this.topicRequests = new byte[topics.length][];
            this.topicNames = new byte[topics.length][];
            for (int t = 0; t < topics.length; t++) {
                topicRequests[t] = ("GET " + path + topics[t] + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                topicNames[t] = topics[t].getBytes(StandardCharsets.UTF_8);
            }
        } else {
            this.topics = null;
            this.topicRequests = null;
            this.topicNames = null;
        }
        StringBuilder headers = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n");
        if (resumeFrom != null) {
            String topic = path.substring(path.lastIndexOf('/') + 1);
            headers.append("Last-Event-ID: [");
            for (int p = 0; p < resumeFrom.length; p++) {
                headers.append(p == 0 ? "" : ",").append("{\"topic\":\"").append(topic).append("\",\"partition\":")
                        .append(p).append(",\"offset\":").append(resumeFrom[p]).append('}');
            }
            headers.append("]\r\n");
        }
        this.request = headers.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        this.clients = clients;
        this.partitions = partitions;
        this.resumeFrom = resumeFrom;
        // A storm opens everything at once; otherwise opens are paced, as a dedicated stream costs a Kafka round trip.
        this.maxPendingOpens = resumeFrom != null || spreadMillis > 0 ? clients : MAX_PENDING_OPENS;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: LoadGenerator host port path clients partitions [resumeOffsets o0,o1,...]");
            System.exit(2);
        }
        long[] resumeFrom = args.length == 6
                ? java.util.Arrays.stream(args[5].split(",")).mapToLong(Long::parseLong).toArray() : null;
        new LoadGenerator(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), resumeFrom).run();
    }

    private void run() throws IOException {
        Thread stdin = new Thread(this::readCommands, "commands");
        stdin.setDaemon(true);
        stdin.start();
        boolean ready = false;
        if (!connecting) {
            say("WAITING");
        }
        while (true) {
            openMore();
            if (reconnect) {
                reconnectDue();
                churnDue();
            }
            // While a burst is being opened, wake up every millisecond to keep to its schedule.
            selector.select(connecting && spreadMillis > 0 && all.size() < clients ? 1 : 100);
            now = System.currentTimeMillis();
            if (spreadMillis > 0 && now >= nextTimeoutScan) {
                nextTimeoutScan = now + 100;
                timeOutOpens();
            }
            // Commands first: a START that arrived with the first records must apply before they are counted.
            for (String command; (command = commands.poll()) != null; ) {
                apply(command);
            }
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
            if (!ready && opened + failed == clients) {
                ready = true;
                say("READY opened=" + opened + " failed=" + failed
                        + (firstFailure == null ? "" : " firstFailure=" + firstFailure.replace(' ', '_'))
                        + (topics != null ? openTimes() : ""));
            }
            if (endOffsets != null && (drained() || now >= drainDeadline)) {
                report();
                return;
            }
        }
    }

    private void openMore() throws IOException {
        while (connecting && all.size() < clients && pendingOpens < maxPendingOpens) {
            if (spreadMillis > 0
                    && System.nanoTime() - burstStartNanos < all.size() * spreadMillis * 1_000_000L / clients) {
                return;
            }
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Client client = new Client(channel, partitions);
            if (topics != null) {
                client.topic = all.size() % topics.length;
            }
            client.connectAt = System.currentTimeMillis();
            if (firstConnectAt == 0) {
                firstConnectAt = client.connectAt;
            }
            if (resumeFrom != null) {
                client.ledger.start(resumeFrom);
            }
            all.add(client);
            connect(client);
        }
    }

    private void connect(Client client) throws IOException {
        pendingOpens++;
        SocketChannel channel = client.channel;
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, client);
        try {
            if (source != null) {
                channel.bind(new InetSocketAddress(source, 0));
            }
            if (channel.connect(server)) {
                // Connected at once (possible on loopback): no OP_CONNECT will come for it.
                sendRequest(client, key);
            }
        } catch (IOException e) {
            drop(client, key, e.toString(), kind(e));
        }
    }

    /** Restart: clients whose retry delay is over connect again, resuming from what they received. */
    private void reconnectDue() throws IOException {
        for (java.util.Iterator<Client> it = reconnecting.iterator(); it.hasNext(); ) {
            Client client = it.next();
            if (client.reconnectAt <= now) {
                it.remove();
                client.reset(SocketChannel.open());
                client.request = resumeRequest(client.ledger.next());
                connect(client);
            }
        }
    }

    /** The request of a client that resumes after the offsets it received, as an EventSource sends its last id. */
    private byte[] resumeRequest(long[] next) {
        if (next[0] < 0) {
            return request; // it had not started: live again
        }
        String topic = path.substring(path.lastIndexOf('/') + 1);
        StringBuilder headers = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\nLast-Event-ID: [");
        for (int p = 0; p < next.length; p++) {
            headers.append(p == 0 ? "" : ",").append("{\"topic\":\"").append(topic).append("\",\"partition\":")
                    .append(p).append(",\"offset\":").append(next[p]).append('}');
        }
        return headers.append("]\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void sendRequest(Client client, SelectionKey key) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(client.request != null ? client.request
                : client.topic >= 0 ? topicRequests[client.topic] : request);
        while (out.hasRemaining()) {
            client.channel.write(out);
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Burst: a client with no answer within generator.openTimeoutMillis counts as failed ("timeout"). */
    private void timeOutOpens() {
        for (Client client : all) {
            if (!client.open && !client.dead && now - client.connectAt > openTimeoutMillis) {
                drop(client, client.channel.keyFor(selector), "no answer within " + openTimeoutMillis + " ms", "timeout");
            }
        }
    }

    /** A short name for why a connection failed, for counting failures by kind. */
    private static String kind(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof java.net.ConnectException) {
            return "refused";
        }
        if (message.contains("reset")) {
            return "reset";
        }
        if (message.startsWith("Not a 200 response: HTTP/1.1 ")) {
            return "status-" + message.substring("Not a 200 response: HTTP/1.1 ".length()).split(" ")[0];
        }
        if (message.contains("Broken pipe")) {
            return "broken-pipe";
        }
        if (message.contains("assign requested address")) {
            return "no-local-port";
        }
        return e.getClass().getSimpleName();
    }

    private void handle(SelectionKey key) {
        Client client = (Client) key.attachment();
        try {
            if (key.isConnectable()) {
                client.channel.finishConnect();
                sendRequest(client, key);
            } else if (key.isReadable()) {
                readBuffer.clear();
                int n = client.channel.read(readBuffer);
                if (n < 0) {
                    closedByServer++;
                    drop(client, key, "closed by the server", "closed");
                    return;
                }
                if (client.firstByteAt == 0) {
                    client.firstByteAt = now;
                }
                readBuffer.flip();
                client.decoder.feed(readBuffer);
                if (client.decoder.ended()) {
                    closedByServer++;
                    drop(client, key, "the response ended", "ended");
                }
            }
        } catch (IOException | RuntimeException e) {
            drop(client, key, e.toString(), kind(e));
        }
    }

    /** Churn: at its rate, a random open client leaves (closes its connection) and comes back after its retry. */
    private void churnDue() {
        if (churnPerSecond <= 0 || endOffsets != null || now == 0 || now < nextChurn || all.isEmpty()) {
            return;
        }
        // At its rate from the first call on; a loop that fell behind (a long select) does not make up for it in a burst.
        nextChurn = Math.max(nextChurn, now - 1000) + (long) (1000 / churnPerSecond);
        for (int tries = 0; tries < 10; tries++) {
            Client client = all.get(churnPick.nextInt(all.size()));
            if (client.open && !client.dead) {
                churned++;
                drop(client, client.channel.keyFor(selector), "churn", "churn");
                return;
            }
        }
    }

    private void drop(Client client, SelectionKey key, String why, String kind) {
        if (client.dead) {
            return;
        }
        if (key != null) {
            key.cancel();
        }
        try {
            client.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        boolean answered = client.open;
        if (!answered) {
            pendingOpens--;
            failureKinds.merge(kind, 1, Integer::sum);
            if (firstFailure == null) {
                firstFailure = why;
            }
        }
        if (reconnect && !kind.startsWith("status-") && !kind.equals("IllegalStateException")) {
            // As an EventSource: a network error or a stream that ended is retried after retry, with the last id.
            if (kind.equals("refused")) {
                refused++;
            }
            client.open = false;
            client.reconnectAt = now + client.retryMillis;
            reconnecting.add(client);
            return;
        }
        if (reconnect) {
            gaveUp++; // an answer that is not a 200 stream: an EventSource fails for good
        }
        if (!answered && !client.everOpened) {
            failed++;
        }
        client.dead = true;
    }

    private void apply(String command) {
        String[] words = command.trim().split("\\s+");
        switch (words[0]) {
            case "CONNECT" -> {
                connecting = true;
                burstStartNanos = System.nanoTime();
            }
            case "START" -> {
                long[] start = offsets(words, 1);
                for (Client client : all) {
                    client.ledger.start(start);
                }
                if (spreadMillis > 0) {
                    // Burst: records from before START, still on their way to the clients, are not checked.
                    checkFrom = start;
                }
                say("STARTED");
            }
            case "MEASURE" -> {
                measureFrom = offsets(words, 1);
                deliveriesAtMeasure = deliveries;
                cpuAtMeasure = processCpuNanos();
                wallAtMeasure = System.nanoTime();
            }
            case "CATCHUP" -> {
                catchUpTarget = offsets(words, 1);
                catchUpSince = now;
            }
            case "END" -> {
                endOffsets = offsets(words, 1);
                drainDeadline = now + Long.parseLong(words[1 + partitions]);
            }
            default -> throw new IllegalArgumentException("Unknown command: " + command);
        }
    }

    private long[] offsets(String[] words, int from) {
        long[] offsets = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            offsets[p] = Long.parseLong(words[from + p]);
        }
        return offsets;
    }

    private boolean drained() {
        for (Client client : all) {
            if (!client.dead && !client.ledger.reached(endOffsets)) {
                return false;
            }
        }
        return true;
    }

    private void report() {
        long cpu = processCpuNanos() - cpuAtMeasure;
        long wall = System.nanoTime() - wallAtMeasure;
        long lost = 0;
        long missing = 0;
        long duplicated = 0;
        long unexpected = 0;
        for (Client client : all) {
            lost += client.ledger.lost();
            missing += client.ledger.missing(endOffsets);
            duplicated += client.ledger.duplicated();
            unexpected += client.ledger.unexpected();
        }
        say("RESULT clients=" + clients + " opened=" + opened + " failed=" + failed + " closedByServer=" + closedByServer
                + " measured=" + latency.count()
                + " p50=" + latency.percentile(0.50) + " p99=" + latency.percentile(0.99)
                + " p999=" + latency.percentile(0.999) + " max=" + latency.max()
                + " lost=" + lost + " missing=" + missing + " duplicated=" + duplicated + " unexpected=" + unexpected
                + " cpuMs=" + cpu / 1_000_000 + " wallMs=" + wall / 1_000_000
                + " deliveriesInWall=" + (deliveries - deliveriesAtMeasure)
                + " drained=" + drained()
                + " firstEventP50=" + firstEvent.percentile(0.50) + " firstEventP99=" + firstEvent.percentile(0.99)
                + " firstEventMax=" + firstEvent.max() + " caughtUp=" + caughtUp
                + " allCaughtUpMs=" + (caughtUp == 0 ? -1 : lastCaughtUpAt - firstConnectAt)
                + (spreadMillis > 0 ? burstReport() : "")
                + (churnPerSecond > 0 ? " churned=" + churned : "")
                + (reconnect ? " reopened=" + reopened + " refused=" + refused + " gaveUp=" + gaveUp
                        + " endEvents=" + endEvents + " caughtUpAfterP50=" + caughtUpAfter.percentile(0.50)
                        + " caughtUpAfterP99=" + caughtUpAfter.percentile(0.99) + " caughtUpAfterMax=" + caughtUpAfter.max()
                        + " failureKinds=" + failureKinds.toString().replace(" ", "") : "")
                + (topics != null ? topicsReport() : ""));
        System.out.flush();
    }

    /** Burst: failures by kind, clients that reached the END offsets and lost the connection after opening; writes the times file. */
    private String burstReport() {
        int reachedEnd = 0;
        int droppedAfterOpen = 0;
        StringBuilder times = new StringBuilder();
        for (Client client : all) {
            if (client.ledger.reached(endOffsets)) {
                reachedEnd++;
            }
            if (client.open && client.dead) {
                droppedAfterOpen++;
            }
            times.append(client.connectAt).append(' ').append(client.firstByteAt).append(' ').append(client.openAt).append('\n');
        }
        if (timesFile != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(timesFile), times);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        StringBuilder kinds = new StringBuilder();
        failureKinds.forEach((kind, count) -> kinds.append(kinds.length() == 0 ? "" : ",").append(kind).append(':').append(count));
        return " reachedEnd=" + reachedEnd + " droppedAfterOpen=" + droppedAfterOpen
                + " failureKinds=" + (kinds.length() == 0 ? "none" : kinds);
    }

    /** Many topics: from the first connect until the last stream was open, and each stream's open time. */
    private String openTimes() {
        LatencyHistogram open = new LatencyHistogram();
        long lastOpen = 0;
        for (Client client : all) {
            if (client.open) {
                open.record(client.openAt - client.connectAt);
                lastOpen = Math.max(lastOpen, client.openAt);
            }
        }
        return " allOpenMs=" + (lastOpen == 0 ? -1 : lastOpen - firstConnectAt)
                + " openP50=" + open.percentile(0.50) + " openP99=" + open.percentile(0.99) + " openMax=" + open.max();
    }

    /** Many topics: records delivered, clients that reached the END offsets, events that named another topic. */
    private String topicsReport() {
        int reachedEnd = 0;
        int droppedAfterOpen = 0;
        for (Client client : all) {
            if (client.ledger.reached(endOffsets)) {
                reachedEnd++;
            }
            if (client.open && client.dead) {
                droppedAfterOpen++;
            }
        }
        return " delivered=" + deliveries + " reachedEnd=" + reachedEnd + " droppedAfterOpen=" + droppedAfterOpen
                + " wrongTopic=" + wrongTopic;
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                commands.add(line);
                selector.wakeup();
            }
        } catch (IOException e) {
            // the runner went away: nothing more will come
        }
        // The runner closed stdin without ending the run: stop rather than hold the connections forever.
        System.exit(3);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** One SSE connection: its socket, its decoder and what it received. */
    private final class Client implements SseResponseDecoder.Listener {
        SocketChannel channel;
        SseResponseDecoder decoder = new SseResponseDecoder(this);
        final ClientLedger ledger;
        /** Its own request (a reconnect's, with Last-Event-ID); null for the shared one. */
        byte[] request;
        long retryMillis = 3_000;
        long reconnectAt;
        boolean everOpened;
        boolean open;
        boolean dead;
        long connectAt;
        long firstByteAt;
        long openAt;
        boolean gotFirst;
        boolean isCaughtUp;
        /** Many topics: the index of this client's topic; -1 otherwise. */
        int topic = -1;

        Client(SocketChannel channel, int partitions) {
            this.channel = channel;
            this.ledger = new ClientLedger(partitions);
        }

        /** A new connection for the same client: what it received stays. */
        void reset(SocketChannel next) throws IOException {
            next.configureBlocking(false);
            next.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel = next;
            decoder = new SseResponseDecoder(this);
            open = false;
            connectAt = System.currentTimeMillis();
        }

        @Override
        public void comment() {
            if (!open) {
                open = true;
                openAt = now;
                pendingOpens--;
                if (everOpened) {
                    reopened++;
                } else {
                    everOpened = true;
                    opened++;
                }
            }
        }

        @Override
        public void retry(long millis) {
            retryMillis = millis;
        }

        @Override
        public void otherEvent(String type) {
            if (type.equals("end")) {
                endEvents++;
            }
        }

        @Override
        public void data(byte[] line, int length) {
            if (!fields.read(line, length)) {
                throw new IllegalStateException("data line without _kafka: " + new String(line, 0, Math.min(length, 200),
                        StandardCharsets.UTF_8));
            }
            if (topic >= 0 && !fields.topicIs(line, length, topicNames[topic])) {
                wrongTopic++;
                return;
            }
            if (!gotFirst) {
                gotFirst = true;
                firstEvent.record(now - connectAt);
            }
            if (spreadMillis > 0 && (checkFrom == null || (fields.partition >= 0 && fields.partition < partitions
                    && fields.offset < checkFrom[fields.partition]))) {
                return;
            }
            if (ledger.received(fields.partition, fields.offset)) {
                deliveries++;
                if (catchUpTarget != null && !isCaughtUp && ledger.reached(catchUpTarget)) {
                    isCaughtUp = true;
                    caughtUp++;
                    lastCaughtUpAt = now;
                    caughtUpAfter.record(now - catchUpSince);
                }
                if (measureFrom != null && fields.offset >= measureFrom[fields.partition]) {
                    latency.record(now - fields.timestamp);
                }
            }
        }
    }
}
