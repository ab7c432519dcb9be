package io.kafkasse.it.suite;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.OwnServer;

/**
 * Builds, before the suite server starts, the WAR of every integration test class that shares it: each class's own
 * {@code @Deployment} method is called exactly as Arquillian calls it (after {@link Deployments#describe}), and the
 * archive is written, exploded, as the directory {@code <class name>} (its context root), with its digest beside it, which
 * {@link SuiteContainer} checks when the class runs, and without its libraries, which the suite server shares with
 * every WAR ({@link SharedLibraries}). Classes marked {@link OwnServer} are left to their own servers.
 */
final class SuiteWars {

    private static final String PACKAGE = "io.kafkasse.it";

    private SuiteWars() {
    }

    /**
     * @param testClasses the compiled test classes ({@code target/test-classes})
     * @param selection failsafe's {@code it.test} (class names, {@code *} as a wildcard, comma-separated), or blank for all
     * @param libraries where the WARs' libraries go, out of every WAR ({@link SharedLibraries})
     * @return the names of the WARs written
     */
    static List<String> build(Path testClasses, String selection, Path deployments, Path libraries) throws Exception {
        Files.createDirectories(deployments);
        List<String> names = new ArrayList<>();
        SharedLibraries shared = new SharedLibraries(libraries);
        for (Class<?> testClass : sharingClasses(testClasses, selection)) {
            Method deployment = deploymentMethod(testClass);
            Deployments.describe(testClass);
            deployment.setAccessible(true);
            Archive<?> archive = (Archive<?>) deployment.invoke(null);
            String name = Deployments.deploymentName(testClass);
            // The digest of the archive as the class builds it, libraries included (SuiteContainer compares it with
            // the one it builds when the class runs); then the libraries out, and the rest written.
            Files.writeString(deployments.resolve(name + SuiteContainer.DIGEST_SUFFIX), ArchiveDigest.of(archive));
            shared.takeFrom(archive);
            // Exploded: zipping a WAR of compressed jars again costs about a second each, for nothing.
            archive.as(ExplodedExporter.class).exportExploded(deployments.toFile(), name);
            names.add(name);
        }
        return names;
    }

    private static List<Class<?>> sharingClasses(Path testClasses, String selection) throws IOException {
        Path dir = testClasses.resolve(PACKAGE.replace('.', '/'));
        Pattern selected = selectionPattern(selection);
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String simpleName = file.getFileName().toString().replaceFirst("\\.class$", "");
                if (!simpleName.endsWith("IT") || !selected.matcher(simpleName).matches()) {
                    continue;
                }
                Class<?> testClass = load(PACKAGE + "." + simpleName);
                // A class without a deployment (ServerRestartIT starts its own server) needs no WAR here.
                if (!Modifier.isAbstract(testClass.getModifiers()) && !testClass.isAnnotationPresent(OwnServer.class)
                        && deploymentMethod(testClass) != null) {
                    classes.add(testClass);
                }
            }
        }
        return classes;
    }

    private static Pattern selectionPattern(String selection) {
        if (selection == null || selection.isBlank()) {
            return Pattern.compile(".*");
        }
        List<String> alternatives = new ArrayList<>();
        for (String name : selection.split(",")) {
            String simple = name.trim().replaceFirst("^.*\\.", "").replaceFirst("#.*$", "");
            alternatives.add(Pattern.quote(simple).replace("*", "\\E.*\\Q"));
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SuiteWars.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Test class " + name + " not found", e);
        }
    }

    /** The class's {@code @Deployment} method, its own or inherited, as Arquillian finds it; null if it has none. */
    private static Method deploymentMethod(Class<?> testClass) {
        for (Class<?> type = testClass; type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Deployment.class) && Modifier.isStatic(method.getModifiers())) {
                    return method;
                }
            }
        }
        return null;
    }
}
