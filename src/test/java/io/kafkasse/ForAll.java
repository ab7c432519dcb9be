package io.kafkasse;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks a property on many generated inputs: the property-based tests ({@code *PropertiesTest}). Every run draws a new
 * seed, so runs explore different inputs; a failure names its seed and try, and {@code -Dproperties.seed=<seed>}
 * replays the same inputs. Inputs are not shrunk: the failure shows the input's start and length.
 */
public final class ForAll {

    static final String SEED = "properties.seed";

    private static final int SHOWN = 300;

    private ForAll() {
    }

    /**
     * @param generator draws one input from the random source; the same seed draws the same inputs
     * @param property  fails by throwing
     */
    public static <T> void check(int tries, Function<Random, T> generator, Consumer<T> property) {
        long seed = Long.getLong(SEED, ThreadLocalRandom.current().nextLong());
        Random random = new Random(seed);
        for (int i = 1; i <= tries; i++) {
            T input = generator.apply(random);
            try {
                property.accept(input);
            } catch (Throwable e) {
                throw new AssertionError("Try " + i + " of " + tries + " failed (replay with -D" + SEED + "=" + seed + ") on "
                        + shown(input) + ": " + e, e);
            }
        }
    }

    /** The input as a reader can see it: its start, with control characters and surrogates escaped, and its length. */
    public static String shown(Object input) {
        String text = String.valueOf(input);
        StringBuilder shown = new StringBuilder("<");
        for (int i = 0; i < Math.min(text.length(), SHOWN); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append(text.length() > SHOWN ? "...>" : ">");
        return shown.append(" (").append(text.length()).append(" characters)").toString();
    }
}
