package io.kafkasse.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations written as {@code 15s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT15S}. */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String key, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt") || value.startsWith("p")) {
                return positive(key, text, Duration.parse(value.toUpperCase(Locale.ROOT)));
            }
            if (value.endsWith("ms")) {
                return positive(key, text, Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim())));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1).trim());
            switch (value.charAt(value.length() - 1)) {
                case 's': return positive(key, text, Duration.ofSeconds(amount));
                case 'm': return positive(key, text, Duration.ofMinutes(amount));
                case 'h': return positive(key, text, Duration.ofHours(amount));
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the common message
        }
        throw new InvalidConfigurationException(key, text, "expected a duration such as 15s, 500ms, 2m or PT15S");
    }

    private static Duration positive(String key, String text, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidConfigurationException(key, text, "the duration must be positive");
        }
        return duration;
    }
}
