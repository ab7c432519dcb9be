package io.kafkasse.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * Every setting of the service, read once from MicroProfile Config, typed and validated when the application starts
 * so that a bad value fails the deployment with a message naming the key.
 */
@ApplicationScoped
public class ServiceConfig {

    /** Where a requested position that is no longer (or not yet) in the log starts instead. */
    public enum OffsetReset { EARLIEST, LATEST }

    /** How record values become event data. */
    public enum ValueFormat { JSON, STRING }

    /**
     * What writes SSE frames: the standard JAX-RS {@code SseEventSink}, an event and a flush at a time, or the service's
     * own writer on the servlet's non-blocking output, which coalesces whatever is pending for a client into one write.
     */
    public enum SseWriter { SINK, COALESCING }

    static final String HEARTBEAT_INTERVAL = "sse.heartbeat-interval";
    static final String KAFKA_TIMEOUT = "sse.kafka-timeout";
    static final String WRITE_TIMEOUT = "sse.write-timeout";
    static final String EXECUTOR = "sse.executor";
    static final String ALLOWED_TOPICS = "sse.allowed-topics";
    static final String DENIED_TOPICS = "sse.denied-topics";
    static final String OFFSET_RESET = "sse.offset-reset";
    static final String USE_TIMESTAMP_FOR_ID = "sse.use-timestamp-for-id";
    static final String VALUE_FORMAT = "sse.value-format";
    static final String ID_MAX_LENGTH = "sse.id-max-length";
    static final String RETRY = "sse.retry";
    static final String RETRY_AFTER_ERROR = "sse.retry-after-error";
    static final String RETRY_JITTER = "sse.retry-jitter";
    /** Retired: there is one consumer path. A value is ignored with a warning. */
    static final String CONSUMER_MODE = "sse.consumer-mode";
    static final String WINDOW_RECORDS = "sse.shared.window-records";
    static final String WINDOW_BYTES = "sse.shared.window-bytes";
    static final String PREFILL_RECORDS = "sse.shared.prefill-records";
    static final String FEED_CONSUMERS = "sse.shared.feed-consumers";
    static final String HISTORY_WAIT = "sse.shared.history-wait";
    static final String CATCH_UP_CONSUMERS = "sse.shared.catch-up-consumers";
    static final String WRITER = "sse.writer";
    static final String SENDER_THREADS = "sse.shared.sender-threads";
    static final String MAX_UNSENT_BYTES = "sse.max-unsent-bytes";
    static final String MAX_RECORD_BYTES = "sse.max-record-bytes";
    static final String MAX_HEADER_BYTES = "sse.max-header-bytes";
    static final String MEMORY_MAX_BYTES = "sse.memory.max-bytes";
    static final String MAX_PARTITIONS = "sse.max-partitions";
    static final String DRAIN_PERIOD = "sse.drain-period";
    static final String MAX_LIFETIME = "sse.max-lifetime";
    static final String LIMIT_PER_CLIENT = "sse.limits.per-client";
    static final String LIMIT_TOTAL = "sse.limits.total";
    static final String LIMIT_PER_STREAM = "sse.limits.per-stream";
    static final String LIMIT_OPENS_PER_SECOND = "sse.limits.opens-per-second";
    static final String LIMIT_CLIENT_HEADER = "sse.limits.client-header";
    static final String CONNECTIONS_VISIBLE = "sse.connections.visible";
    static final String CORS_ALLOWED_ORIGINS = "sse.cors.allowed-origins";
    static final String CONSOLE_SERVICE_ORIGINS = "sse.console.service-origins";
    static final String CONSOLE_FRAME_ANCESTORS = "sse.console.frame-ancestors";
    static final String CORS_ALLOW_CREDENTIALS = "sse.cors.allow-credentials";

    static final String DEFAULT_EXECUTOR = "concurrent/kafka-sse";

    private static final Logger LOG = Logger.getLogger(ServiceConfig.class.getName());

    @Inject
    Config config;

    private Duration heartbeatInterval;
    private Duration kafkaTimeout;
    private Duration writeTimeout;
    private String executor;
    private KafkaSettings kafka;
    private TopicAllowList allowedTopics;
    private NamedStreams streams;
    private OffsetReset offsetReset;
    private boolean useTimestampForId;
    private ValueFormat valueFormat;
    private Duration retry;
    private Duration retryAfterError;
    private int idMaxLength;
    private Duration retryJitter;
    private int windowRecords;
    private int windowBytes;
    private int prefillRecords;
    private int feedConsumers;
    private Duration historyWait;
    private int catchUpConsumers;
    private SseWriter writer;
    private int senderThreads;
    private int maxUnsentBytes;
    private int maxRecordBytes;
    private int maxHeaderBytes;
    private long memoryMaxBytes;
    private int maxPartitions;
    private Duration drainPeriod;
    private Duration maxLifetime;
    private ConnectionLimits limits;
    private CorsPolicy cors;
    private ConsolePolicy console;
    private boolean connectionsVisible;
    private TokenSettings tokens;
    private AccessRules access;

    @PostConstruct
    void read() {
        heartbeatInterval = duration(HEARTBEAT_INTERVAL, "15s");
        kafkaTimeout = duration(KAFKA_TIMEOUT, "10s");
        writeTimeout = duration(WRITE_TIMEOUT, "30s");
        retry = duration(RETRY, "3s");
        retryAfterError = duration(RETRY_AFTER_ERROR, "5s");
        retryJitter = duration(RETRY_JITTER, "2s");
        executor = config.getOptionalValue(EXECUTOR, String.class).orElse(DEFAULT_EXECUTOR);
        allowedTopics = TopicAllowList.of(list(ALLOWED_TOPICS), list(DENIED_TOPICS));
        if (!allowedTopics.isRestricted()) {
            LOG.warning(() -> ALLOWED_TOPICS + " is not set: every topic of the cluster but the internal and framework ones ("
                    + allowedTopics + ") may be streamed by anyone who reaches the service; list the topics meant for"
                    + " the public in " + ALLOWED_TOPICS);
        }
        streams = NamedStreams.of(streamDefinitions(config), allowedTopics);
        offsetReset = choice(OFFSET_RESET, OffsetReset.class, OffsetReset.EARLIEST);
        valueFormat = choice(VALUE_FORMAT, ValueFormat.class, ValueFormat.JSON);
        useTimestampForId = bool(USE_TIMESTAMP_FOR_ID);
        idMaxLength = config.getOptionalValue(ID_MAX_LENGTH, Integer.class).orElse(2048);
        kafka = KafkaSettings.of(kafkaProperties());
        config.getOptionalValue(CONSUMER_MODE, String.class).ifPresent(mode -> LOG.warning(() -> CONSUMER_MODE + "=" + mode
                + " is ignored: every stream is served by the shared feeds (the dedicated mode was retired)"));
        windowRecords = positive(WINDOW_RECORDS, 10_000);
        windowBytes = positive(WINDOW_BYTES, 4 * 1024 * 1024);
        prefillRecords = nonNegative(PREFILL_RECORDS, windowRecords);
        feedConsumers = positive(FEED_CONSUMERS, 1);
        historyWait = duration(HISTORY_WAIT, "30s");
        catchUpConsumers = positive(CATCH_UP_CONSUMERS, 50);
        writer = choice(WRITER, SseWriter.class, SseWriter.COALESCING);
        maxUnsentBytes = positive(MAX_UNSENT_BYTES, 256 * 1024);
        maxRecordBytes = positive(MAX_RECORD_BYTES, 2 * 1024 * 1024);
        if (maxRecordBytes > windowBytes) {
            throw new InvalidConfigurationException(MAX_RECORD_BYTES, Integer.toString(maxRecordBytes),
                    "at most " + WINDOW_BYTES + " (" + windowBytes + "): a record a window cannot hold could never be sent");
        }
        maxHeaderBytes = nonNegative(MAX_HEADER_BYTES, 16 * 1024);
        memoryMaxBytes = positiveLong(MEMORY_MAX_BYTES, Runtime.getRuntime().maxMemory() / 2);
        maxPartitions = positive(MAX_PARTITIONS, 512);
        senderThreads = positive(SENDER_THREADS, Math.max(2, Runtime.getRuntime().availableProcessors()));
        drainPeriod = durationOrOff(DRAIN_PERIOD, "5s");
        maxLifetime = durationOrOff(MAX_LIFETIME, "off");
        limits = new ConnectionLimits(nonNegative(LIMIT_PER_CLIENT, ConnectionLimits.NONE),
                nonNegative(LIMIT_TOTAL, ConnectionLimits.NONE), nonNegative(LIMIT_PER_STREAM, ConnectionLimits.NONE),
                nonNegative(LIMIT_OPENS_PER_SECOND, ConnectionLimits.NONE), headerName(LIMIT_CLIENT_HEADER));
        connectionsVisible = bool(CONNECTIONS_VISIBLE);
        cors = CorsPolicy.of(list(CORS_ALLOWED_ORIGINS).orElse(List.of()), bool(CORS_ALLOW_CREDENTIALS),
                CORS_ALLOWED_ORIGINS, CORS_ALLOW_CREDENTIALS);
        console = ConsolePolicy.of(list(CONSOLE_SERVICE_ORIGINS).orElse(List.of()), list(CONSOLE_FRAME_ANCESTORS).orElse(List.of()),
                CONSOLE_SERVICE_ORIGINS, CONSOLE_FRAME_ANCESTORS);
        tokens = tokenSettings();
        access = AccessRules.of(bool(AccessRules.REQUIRED), definitions(config, AccessRules.ROLES_SUFFIX),
                text(AccessRules.TOPIC_ROLES), text(AccessRules.ADMIN_ROLE), streams);
        if (access.needsTokens() && !tokens.enabled()) {
            throw new InvalidConfigurationException(AccessRules.REQUIRED + " / *.roles / " + AccessRules.TOPIC_ROLES + " / "
                    + AccessRules.ADMIN_ROLE, access.toString(), "a way to verify tokens: set " + TokenSettings.PUBLIC_KEY
                    + " or " + TokenSettings.PUBLIC_KEY_LOCATION);
        }
        LOG.info(() -> "kafka-sse access: " + access + "; bearer tokens " + tokens);
        LOG.info(() -> "kafka-sse configured: bootstrap servers " + kafka.bootstrapServers()
                + " (" + kafka.securityDescription() + "), allowed topics " + allowedTopics + ", streams " + streams.all()
                + ", heartbeat every " + heartbeatInterval.toMillis() + " ms, Kafka timeout " + kafkaTimeout.toMillis()
                + " ms, ids with " + (useTimestampForId ? "timestamps" : "offsets") + ", values as " + valueFormat
                + ", executor " + executor + ", SSE written by " + writer + ", " + feedConsumers + " feed consumers, windows of "
                + windowRecords + " records and " + windowBytes + " bytes a partition, records of at most " + maxRecordBytes
                + " bytes, at most " + memoryMaxBytes + " bytes held for clients, pre-filled with " + prefillRecords
                + " records, at most " + catchUpConsumers + " history readers, streams drained over "
                + drainPeriod.toMillis() + " ms at a stop, " + (maxLifetime.isZero() ? "no maximum lifetime"
                : "a maximum lifetime of " + maxLifetime.toMillis() + " ms") + ", connection limits " + limits + ", CORS " + cors);
    }

    /** How long a stream may stay silent before a comment is written; also bounds how long a vanished client goes unnoticed. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The longest a request waits for Kafka metadata or offsets before answering that Kafka is unavailable. */
    public Duration kafkaTimeout() {
        return kafkaTimeout;
    }

    /** The longest one write to a client may take before the client is considered gone. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** JNDI name of the managed executor that runs the streams. */
    public String executor() {
        return executor;
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public TopicAllowList allowedTopics() {
        return allowedTopics;
    }

    public NamedStreams streams() {
        return streams;
    }

    public OffsetReset offsetReset() {
        return offsetReset;
    }

    /** Ids carry record timestamps instead of offsets, for clients that move between clusters. */
    public boolean useTimestampForId() {
        return useTimestampForId;
    }

    /** Ids whose full form would be longer than this use the compact form; 0 makes every offset id compact. */
    public int idMaxLength() {
        return idMaxLength;
    }

    public ValueFormat valueFormat() {
        return valueFormat;
    }

    /** The reconnect delay sent as {@code retry:}; each stream adds a random part of {@link #retryJitter()}. */
    public Duration retry() {
        return retry;
    }

    /**
     * The reconnect delay for a client turned away by a passing failure (Kafka unreachable, server busy or stopping),
     * also as {@code Retry-After}; longer than {@link #retry()} so that clients do not press on a server that just said
     * it cannot serve them. The same random part is added.
     */
    public Duration retryAfterError() {
        return retryAfterError;
    }

    public Duration retryJitter() {
        return retryJitter;
    }

    /** How many recent records each partition's window keeps for clients to read. */
    public int windowRecords() {
        return windowRecords;
    }

    /** How many bytes of records each partition's window keeps at most (one encoded copy of each, plus a fixed overhead). */
    public int windowBytes() {
        return windowBytes;
    }

    /**
     * The largest record served (key, value and headers together, as stored in Kafka): a larger one is replaced by a
     * {@code skipped} event that says so, never decoded or copied per client.
     */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /**
     * The most partitions one stream may read, all its topics together: every event's id names each of them (its cost
     * and length grow with them), and the compact id of this many still fits the 8 KB a request header may commonly be.
     */
    public int maxPartitions() {
        return maxPartitions;
    }

    /**
     * What the windows and the events clients have not taken may hold together before requests that need history are
     * turned away with the retryable answer; by default half the heap.
     */
    public long memoryMaxBytes() {
        return memoryMaxBytes;
    }

    /** How many bytes of a record's headers (names and values) go into its {@code _kafka.headers}; 0 for none. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** How many records before the end a topic's windows are filled with when the topic opens. */
    public int prefillRecords() {
        return prefillRecords;
    }

    /** How many Kafka consumers feed the windows of all topics. */
    public int feedConsumers() {
        return feedConsumers;
    }

    /** The longest a client waits for a place on a history reader before it is told to come back later. */
    public Duration historyWait() {
        return historyWait;
    }

    /** How many clients at once may read history older than the windows, each with a consumer of its own. */
    public int catchUpConsumers() {
        return catchUpConsumers;
    }

    /** Coalescing writer: the threads that write to all clients in turn. */
    public int senderThreads() {
        return senderThreads;
    }

    public SseWriter writer() {
        return writer;
    }

    /** Coalescing writer: how many bytes may wait for one client before it is cut off as too slow. */
    public int maxUnsentBytes() {
        return maxUnsentBytes;
    }

    /**
     * How long a stop or undeploy spreads the ends of open streams over (each at its own random moment, with
     * {@code retry:} and its id), so that the clients do not all come back at once. Keep it below the server's own
     * shutdown timeout. Zero ends them all at once.
     */
    public Duration drainPeriod() {
        return drainPeriod;
    }

    /**
     * The longest a stream stays open before it ends cleanly (each stream at its own moment in the last tenth of it),
     * so that long-lived clients spread over the instances behind a load balancer as instances come and go; zero for
     * none (the default).
     */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Connection limits per client, in total and per stream; and how a client is told apart behind a proxy. */
    public ConnectionLimits limits() {
        return limits;
    }

    /** Whether {@code GET /v2/connections} lists each open stream with its client's address (off: it answers 404). */
    public boolean connectionsVisible() {
        return connectionsVisible;
    }

    /** Which pages of other origins may read the API. */
    /** What the console page may do in a browser: its Content-Security-Policy. */
    public ConsolePolicy console() {
        return console;
    }

    public CorsPolicy cors() {
        return cors;
    }

    /** Bearer tokens: how they are read and verified. */
    public TokenSettings tokens() {
        return tokens;
    }

    /** Who may read which stream, and the operations endpoints. */
    public AccessRules access() {
        return access;
    }

    private TokenSettings tokenSettings() {
        Optional<String> cookie = text(TokenSettings.COOKIE);
        if (cookie.isEmpty() && text(TokenSettings.TOKEN_HEADER).filter("Cookie"::equalsIgnoreCase).isPresent()) {
            cookie = Optional.of(text(TokenSettings.TOKEN_COOKIE).orElse("Bearer"));
        }
        if (cookie.isPresent() && !cookie.get().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new InvalidConfigurationException(TokenSettings.COOKIE, cookie.get(), "a cookie name (an RFC 6265 token)");
        }
        Optional<Duration> tokenAge = text(TokenSettings.TOKEN_AGE).map(age -> seconds(TokenSettings.TOKEN_AGE, age));
        return new TokenSettings(text(TokenSettings.PUBLIC_KEY), text(TokenSettings.PUBLIC_KEY_LOCATION),
                text(TokenSettings.ISSUER), list(TokenSettings.AUDIENCES).orElse(List.of()), text(TokenSettings.ALGORITHM),
                seconds(TokenSettings.CLOCK_SKEW, text(TokenSettings.CLOCK_SKEW).orElse("0")), tokenAge, cookie,
                bool(TokenSettings.QUERY_PARAMETER));
    }

    /** MicroProfile JWT's durations are whole seconds. */
    private static Duration seconds(String key, String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(key, value, "a whole number of seconds, 0 or more");
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    private int positive(String key, int defaultValue) {
        return wholeNumber(key, defaultValue, 1, "a positive whole number");
    }

    private int nonNegative(String key, int defaultValue) {
        return wholeNumber(key, defaultValue, 0, "a whole number, 0 or more");
    }

    private int wholeNumber(String key, int defaultValue, int least, String expected) {
        String value = config.getOptionalValue(key, String.class).orElse(Integer.toString(defaultValue)).trim();
        try {
            int number = Integer.parseInt(value);
            if (number >= least) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(key, value, expected);
    }

    private long positiveLong(String key, long defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(Long.toString(defaultValue)).trim();
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(key, value, "a positive whole number of bytes");
    }

    private Duration duration(String key, String defaultValue) {
        return Durations.parse(key, config.getOptionalValue(key, String.class).orElse(defaultValue));
    }

    /** A duration, or {@code 0} / {@code off} for none ({@link Duration#ZERO}). */
    private Duration durationOrOff(String key, String defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue).trim();
        if (value.equals("0") || value.equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        return Durations.parse(key, value);
    }

    /** An HTTP header name (an RFC 9110 token), or empty when the key is unset or blank. */
    private Optional<String> headerName(String key) {
        Optional<String> value = config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isPresent() && !value.get().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new InvalidConfigurationException(key, value.get(), "an HTTP header name such as X-Forwarded-For");
        }
        return value;
    }

    private boolean bool(String key) {
        String value = config.getOptionalValue(key, String.class).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidConfigurationException(key, value, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue.name());
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, value, "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private Optional<List<String>> list(String key) {
        return list(config, key);
    }

    private static Optional<List<String>> list(Config config, String key) {
        return config.getOptionalValue(key, String.class)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * The configured streams, read from a configuration on its own: for code that runs outside the application's
     * beans, such as the OpenAPI filter, which the server calls while it deploys the WAR.
     */
    public static NamedStreams streamsIn(Config config) {
        return NamedStreams.of(streamDefinitions(config), TopicAllowList.of(list(config, ALLOWED_TOPICS), list(config, DENIED_TOPICS)));
    }

    private static Map<String, String> streamDefinitions(Config config) {
        return definitions(config, NamedStreams.SUFFIX);
    }

    /** Every {@code sse.streams.<name><suffix>} set, by stream name. */
    private static Map<String, String> definitions(Config config, String suffix) {
        Map<String, String> definitions = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(NamedStreams.PREFIX) && name.endsWith(suffix)
                    && name.length() > NamedStreams.PREFIX.length() + suffix.length()) {
                String stream = name.substring(NamedStreams.PREFIX.length(), name.length() - suffix.length());
                config.getOptionalValue(name, String.class).ifPresent(value -> definitions.put(stream, value));
            }
        }
        return definitions;
    }

    private Map<String, String> kafkaProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String property = name.startsWith(KafkaSettings.PREFIX) ? name.substring(KafkaSettings.PREFIX.length()) : null;
            if (property == null) {
                // Environment variables such as KAFKA_HEAP_OPTS belong to other tools: only known client properties count.
                property = KafkaSettings.propertyFromEnvironmentName(name);
                if (property == null || !KafkaSettings.isClientProperty(property)) {
                    continue;
                }
            }
            String key = property;
            // Read through the prefixed name so MicroProfile Config applies its source ordinals.
            config.getOptionalValue(KafkaSettings.PREFIX + key, String.class).ifPresent(value -> properties.put(key, value));
        }
        return properties;
    }
}
