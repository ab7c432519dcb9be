package io.kafkasse.source;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.position.OffsetSource;

/**
 * A few consumers, kept open and never polled, that answer offset questions (ends, beginnings, offsets for times) for
 * feeds that open and for clients that resume or start from a time, so such a request costs a share of a round trip
 * to the broker, not a new consumer. Ends and beginnings asked by many requests at once share one round trip; lookups
 * for times hold at most {@value #TIME_TURNS} of the consumers ({@link LookupPool}).
 */
@ApplicationScoped
public class PositionLookups implements OffsetSource {

    static final int CONSUMERS = 4;
    /** Of the consumers, how many lookups for times ({@code since}) may hold at once. */
    static final int TIME_TURNS = 2;

    @Inject
    ServiceConfig config;

    @Inject
    KafkaConsumers consumers;

    private LookupPool pool;
    private SharedQuestion ends;
    private SharedQuestion beginnings;

    @PostConstruct
    void init() {
        Duration timeout = config.kafkaTimeout();
        pool = new LookupPool(CONSUMERS, TIME_TURNS, () -> consumers.open(KafkaConsumers.Role.LOOKUP),
                consumer -> consumers.close(consumer, KafkaConsumers.Role.LOOKUP), timeout.toMillis());
        ends = new SharedQuestion(partitions -> pool.with(consumer -> consumer.endOffsets(partitions, timeout)), timeout.toMillis());
        beginnings = new SharedQuestion(partitions -> pool.with(consumer -> consumer.beginningOffsets(partitions, timeout)),
                timeout.toMillis());
    }

    @Override
    public Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
        return ends.answer(partitions);
    }

    @Override
    public Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) {
        return beginnings.answer(partitions);
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> forTimes(Map<TopicPartition, Long> times) {
        return pool.withTimeTurn(consumer -> consumer.offsetsForTimes(times, config.kafkaTimeout()));
    }

    @PreDestroy
    void closeAll() {
        pool.closeAll();
    }
}
