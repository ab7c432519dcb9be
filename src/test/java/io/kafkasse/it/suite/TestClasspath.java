package io.kafkasse.it.suite;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test classpath as a {@code -cp} argument, for a child JVM: from exec:java's class loader, else java.class.path. */
final class TestClasspath {

    private TestClasspath() {
    }

    static String of(ClassLoader loader) {
        List<String> entries = new ArrayList<>();
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException notAFile) {
                        // not a local file: a child JVM could not use it either
                    }
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }
}
