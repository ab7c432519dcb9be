package io.kafkasse.it.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR under test is the one the build produced, unchanged: what an operator deploys is what is tested. */
public final class Deployments {

    /** The system property naming the deployment of the class under test (and so its archive and context root). */
    static final String NAME_PROPERTY = "it.deployment.name";
    /** The system property naming the SSE writer of the class under test: {@code coalescing} or {@code sink}. */
    static final String WRITER_PROPERTY = "it.sse-writer";

    private Deployments() {
    }

    /**
     * The built WAR, with the SSE writer of the class under test ({@link SinkWriter}): it goes in as configuration,
     * exactly as an operator sets it.
     */
    public static WebArchive builtWar() {
        return builtWar(Map.of());
    }

    /**
     * Makes the next {@code @Deployment} method build the archive of this test class: named after it, with its writer.
     * Called by {@link TestClassDeployment} before Arquillian reads the class, and by the suite's WAR builder.
     */
    public static void describe(Class<?> testClass) {
        System.setProperty(NAME_PROPERTY, deploymentName(testClass));
        System.setProperty(WRITER_PROPERTY, testClass.isAnnotationPresent(SinkWriter.class) ? "sink" : "coalescing");
    }

    /** The name of a test class's archive and context root: the class's simple name. */
    public static String deploymentName(Class<?> testClass) {
        return testClass.getSimpleName();
    }

    /** The SSE writer of the class under test: {@code coalescing} (the product's default) or {@code sink}. */
    public static String sseWriter() {
        return System.getProperty(WRITER_PROPERTY, "coalescing");
    }

    /** The application server this run is on: {@code payara}, {@code wildfly} or {@code liberty}. */
    public static String server() {
        return System.getProperty("it.server", "payara");
    }

    /**
     * A new archive of the built WAR's entries. The WAR is read once per JVM: every archive made from it shares its
     * entries' (immutable) assets, so that the suite builds its 48 WARs, and digests them, without reading the WAR's
     * 24 MB of libraries each time ({@code ArchiveDigest}, {@code SuiteWars}).
     */
    private static WebArchive unchangedWar() {
        File war = new File(System.getProperty("it.war", "target/kafka-sse.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No WAR at " + war + ": run the integration tests with mvn verify");
        }
        String name = System.getProperty(NAME_PROPERTY, "kafka-sse") + ".war";
        return ShrinkWrap.create(WebArchive.class, name).merge(BuiltWar.of(war));
    }

    /**
     * The built WAR with extra configuration for one test class: a library jar whose
     * {@code META-INF/microprofile-config.properties} outranks the WAR's own defaults (ordinal 100) and stays below
     * the server's system properties (400). The WAR's own files are untouched.
     */
    public static WebArchive builtWar(Map<String, String> config) {
        return builtWar(config, 200);
    }

    /** As {@link #builtWar(Map)}, with an ordinal above 400 to override even the server's system properties. */
    public static WebArchive builtWar(Map<String, String> config, int ordinal) {
        Map<String, String> all = new java.util.TreeMap<>(config);
        all.putIfAbsent("sse.writer", sseWriter());
        // An undeploy or a stop ends open streams at once: only the tests about draining (RedeployIT) set a period.
        all.putIfAbsent("sse.drain-period", "0");
        StringBuilder properties = new StringBuilder("config_ordinal=" + ordinal + "\n");
        all.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        return unchangedWar().addAsLibrary(ShrinkWrap.create(JavaArchive.class, "it-config.jar")
                .addAsManifestResource(new StringAsset(properties.toString()), "microprofile-config.properties"));
    }

    /**
     * Where the WAR is served when a test deploys it itself ({@code Deployer}, no URL injected): the server's HTTP
     * port (arquillian.xml) and the archive's name as context root, as every container here deploys it.
     */
    public static URI deployedBase() {
        int port = switch (server()) {
            case "wildfly" -> 18180;
            case "liberty" -> 18280;
            default -> Integer.getInteger("it.http.port", 18080);
        };
        return URI.create("http://127.0.0.1:" + port + "/" + System.getProperty(NAME_PROPERTY, "kafka-sse") + "/");
    }

    /**
     * The server's MicroProfile Health endpoint ({@code ready} or {@code live}): at the root of the HTTP port on Payara
     * Micro and Open Liberty, on the management port on WildFly; the suite server's (its launchers' ports) when the class
     * shares it, else the own server's (arquillian.xml's ports).
     */
    public static URI health(String kind) {
        boolean suite = System.getProperty("arquillian.launch", "").endsWith("-suite");
        String root = switch (server()) {
            case "wildfly" -> "http://127.0.0.1:" + (suite ? 20290 : 20090);
            case "liberty" -> "http://127.0.0.1:" + (suite ? 18480 : 18280);
            default -> "http://127.0.0.1:" + (suite ? 18085 : Integer.getInteger("it.http.port", 18080));
        };
        return URI.create(root + "/health/" + kind);
    }

    public static URI uri(URL base, String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    /** GET as a plain HTTP client would: status and body. */
    public static Response get(URL base, String path) throws IOException {
        return get(base, path, Map.of());
    }

    public static Response get(URL base, String path, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri(base, path).toURL().openConnection();
        headers.forEach(connection::setRequestProperty);
        try {
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Response(status, connection.getContentType(), text, connection.getHeaderFields());
            }
        } finally {
            connection.disconnect();
        }
    }

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {

        /** The first value of a response header, or null; names in any case. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }
}
