package io.kafkasse.observe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.kafkasse.ClientInput;
import io.kafkasse.ForAll;
import io.kafkasse.HostileText;

/** X-Request-ID comes from the client and goes into logs and a response header: whatever it holds, what is kept is safe there. */
class RequestIdsPropertiesTest {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63}");
    private static final List<String> PIECES = List.of("a", "Z", "0", "-", ".", "_", ":", "@", "+", " ", "\r\n", "\"", "\u0000", "\uD800");

    @Test
    void anyHeaderGivesAnIdSafeForALogLineAndAHeader() {
        ForAll.check(2_000, random -> HostileText.oneOf(random, HostileText::any, r -> HostileText.of(r, PIECES, 70),
                r -> HostileText.huge(r, PIECES)), header -> {
            String id = ClientInput.valueWithin(() -> RequestIds.accept(header));

            assertTrue(SAFE.matcher(id).matches(), id);
            assertTrue(id.equals(header) || !SAFE.matcher(header).matches(), () -> "a safe id was replaced by " + id);
        });
    }
}
