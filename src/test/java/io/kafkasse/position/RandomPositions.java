package io.kafkasse.position;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.common.TopicPartition;

/** Positions a stream may stand at, for property tests: legal topic names of every length, offsets of every size. */
final class RandomPositions {

    private static final String LEGAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    private RandomPositions() {
    }

    /** Up to {@code maxTopics} topics of up to {@code maxPartitions} partitions each, numbered from 0 or scattered. */
    static Map<TopicPartition, Long> of(Random random, int maxTopics, int maxPartitions) {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        int topics = 1 + random.nextInt(maxTopics);
        for (int t = 0; t < topics; t++) {
            String topic = topic(random);
            int partitions = 1 + random.nextInt(maxPartitions);
            boolean scattered = random.nextInt(4) == 0;
            for (int p = 0; p < partitions; p++) {
                int partition = scattered ? random.nextInt(maxPartitions * 4) : p;
                positions.put(new TopicPartition(topic, partition), offset(random));
            }
        }
        return positions;
    }

    /** A legal Kafka topic name, 1 to 249 characters, never "." or "..". */
    static String topic(Random random) {
        int length = random.nextInt(8) == 0 ? 1 + random.nextInt(249) : 1 + random.nextInt(12);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(LEGAL.charAt(random.nextInt(LEGAL.length())));
        }
        String topic = name.toString();
        return ".".equals(topic) || "..".equals(topic) ? topic + "x" : topic;
    }

    /** An offset or a timestamp: zero, small, large or the largest there is. */
    static long offset(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextLong() >>> 1;
            default -> random.nextInt(1_000_000);
        };
    }
}
