package io.kafkasse.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** A topic's end offsets, as the scenarios send them to the load generator (space-separated, partition order). */
final class EndOffsets {

    private EndOffsets() {
    }

    static long[] of(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var answer = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        long[] offsets = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            offsets[p] = answer.get(new TopicPartition(topic, p)).offset();
        }
        return offsets;
    }

    static String join(long[] values) {
        StringBuilder out = new StringBuilder();
        for (long value : values) {
            out.append(out.length() == 0 ? "" : " ").append(value);
        }
        return out.toString();
    }
}
