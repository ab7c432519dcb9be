package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.kafkasse.ClientInput;
import io.kafkasse.ForAll;
import io.kafkasse.HostileText;

/** since comes from the client: whatever it holds, the answer is a time Kafka can look up or a 400. */
class SincePropertiesTest {

    private static final String INVALID = "invalid-since";
    private static final List<String> PIECES = List.of("0", "1", "9", "12", "31", "59", "60", "99", "2026", "1969", "+999999999",
            "-999999999", "-", "+", ":", ".", "T", "t", "Z", "z", " ", "-02-29", "-13-01", "T24:00", "T23:59:60", ".123456789",
            ".1234567891", "+18:00", "-18:01", "+05:30:15", "[UTC]", "e3", "\u0661", "\uff12");

    @Test
    void anyTextIsATimeKafkaCanLookUpOrRefusedWithA400() {
        ForAll.check(3_000, random -> HostileText.oneOf(random,
                HostileText::any,
                HostileText::number,
                r -> HostileText.of(r, PIECES, 12),
                r -> HostileText.huge(r, PIECES),
                r -> HostileText.mutate(r, Instant.ofEpochMilli(r.nextLong() >>> 1).toString(), PIECES)),
                text -> ClientInput.valueOrProblem(INVALID, () -> Since.parse(text))
                        .ifPresent(millis -> assertTrue(millis >= 0, () -> "negative: " + millis)));
    }

    @Test
    void epochMillisecondsReadBackAsThemselves() {
        ForAll.check(2_000, random -> random.nextLong() >>> 1 >>> random.nextInt(63), millis ->
                assertEquals(Optional.of(millis), ClientInput.valueOrProblem(INVALID, () -> Since.parse(Long.toString(millis)))));
    }

    @Test
    void negativeFractionalAndHugeNumbersAreRefused() {
        ForAll.check(2_000, random -> switch (random.nextInt(3)) {
            case 0 -> Long.toString(-1 - (random.nextLong() >>> 1 >>> random.nextInt(63)));
            case 1 -> (random.nextLong() >>> 1 >>> random.nextInt(63)) + "." + random.nextInt(1_000);
            default -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).add(new BigInteger(random.nextInt(200), random)).toString();
        }, text -> assertEquals(Optional.empty(), ClientInput.valueOrProblem(INVALID, () -> Since.parse(text))));
    }

    @Test
    void anIsoTimeAtAnyOffsetReadsBackToItsEpochMillisecond() {
        ForAll.check(2_000, random -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(random.nextLong() >>> 1 >>> random.nextInt(30)),
                ZoneOffset.ofTotalSeconds(random.nextInt(2 * 18 * 3600 + 1) - 18 * 3600)), time ->
                assertEquals(Optional.of(time.toInstant().toEpochMilli()), ClientInput.valueOrProblem(INVALID, () -> Since.parse(time.toString()))));
    }

    @Test
    void aDateIsItsMidnightInUtc() {
        ForAll.check(2_000, SincePropertiesTest::date, date ->
                assertEquals(Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()),
                        ClientInput.valueOrProblem(INVALID, () -> Since.parse(date.toString()))));
    }

    /** A date from 1970 to about the last one whose midnight fits in epoch milliseconds. */
    private static LocalDate date(Random random) {
        long lastDay = Long.MAX_VALUE / 86_400_000L - 1;
        return LocalDate.ofEpochDay((random.nextLong() >>> 1) % Math.max(1, lastDay >>> random.nextInt(40)));
    }
}
