package io.kafkasse.it.support;

import java.util.List;

/** The build's {@code it.jvm.options} (pom.xml says why), for every JVM the integration tests start. */
public final class TestJvmOptions {

    private TestJvmOptions() {
    }

    /** The options, none when unset or left as Maven's unresolved expression. */
    public static List<String> get() {
        String options = System.getProperty("it.jvm.options", "").trim();
        return options.isEmpty() || options.startsWith("${") ? List.of() : List.of(options.split("\\s+"));
    }
}
