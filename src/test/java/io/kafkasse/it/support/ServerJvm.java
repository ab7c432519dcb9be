package io.kafkasse.it.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * The application server's JVM as the test sees it from outside: found among the test JVM's descendants (Arquillian's
 * managed containers start it), reached over JMX through the Attach API, so that a test can tell what of the service
 * is still alive in it: threads running its code or Kafka's, Kafka clients' MBeans.
 */
public final class ServerJvm implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private ServerJvm(JMXConnector connector) throws Exception {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** The server started by the Arquillian container of this run, if it runs in a process of its own. */
    public static Optional<ServerJvm> attach() throws Exception {
        Optional<ProcessHandle> process = process();
        if (process.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(attach(process.get().pid()));
    }

    /**
     * The JVM of the suite server the build started (the last line of {@code it.suite.dir/pids}, after the brokers';
     * a start script's JVM is its child).
     */
    public static ServerJvm attachToSuiteServer() throws Exception {
        Path pids = Path.of(System.getProperty("it.suite.dir", "target/suite")).resolve("pids");
        List<String> lines = Files.readAllLines(pids);
        ProcessHandle server = ProcessHandle.of(Long.parseLong(lines.get(lines.size() - 1).trim()))
                .orElseThrow(() -> new IllegalStateException("The suite server is not running"));
        ProcessHandle jvm = Stream.concat(Stream.of(server), server.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("No JVM among the suite server's processes"));
        return attach(jvm.pid());
    }

    private static ServerJvm attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return new ServerJvm(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    /** How many of the server's threads are inside the service's code right now (a frame of {@code prefix}). */
    public long threadsIn(String prefix) throws Exception {
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        return Arrays.stream(threads.dumpAllThreads(false, false))
                .filter(thread -> thread != null && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().startsWith(prefix)))
                .count();
    }

    /** The server's heap in use right after a full collection, in bytes. */
    public long heapUsedAfterGc() throws Exception {
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Whether the server started by the Arquillian container of this run still has a process. */
    public static boolean running() {
        return process().isPresent();
    }

    private static Optional<ProcessHandle> process() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .filter(p -> p.info().arguments().map(Arrays::asList).map(ServerJvm::isServer).orElse(false))
                .findFirst();
    }

    private static boolean isServer(List<String> arguments) {
        return arguments.stream().anyMatch(a -> a.contains("jboss-modules.jar") || a.contains("ws-server.jar")
                || a.contains("payara-micro"));
    }

    /**
     * What of the service still lives in the server: threads with a frame of {@code io.kafkasse} or of the Kafka
     * client, threads the Kafka client names, and the MBeans every open Kafka consumer or admin client registers.
     */
    public List<String> serviceLeftovers() throws Exception {
        List<String> found = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        for (ThreadInfo thread : threads.dumpAllThreads(false, false)) {
            if (thread == null) {
                continue;
            }
            boolean ours = Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                    frame.getClassName().startsWith("io.kafkasse.") || frame.getClassName().startsWith("org.apache.kafka."));
            if (ours || thread.getThreadName().startsWith("kafka-")) {
                found.add("thread " + thread.getThreadName() + " at " + Arrays.stream(thread.getStackTrace()).limit(3).toList());
            }
        }
        for (String domain : List.of("kafka.consumer", "kafka.admin.client", "kafka.producer")) {
            server.queryNames(new ObjectName(domain + ":*"), null).forEach(name -> found.add("MBean " + name));
        }
        return found;
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
