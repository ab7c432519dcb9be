package io.kafkasse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU used during the measured window, in cores: by the server process, by this JVM (the embedded broker and the
 * producer live here) and by the whole machine. With 2 cores shared by all three, the machine total says whether
 * a latency rise is the server's limit or the machine's, and whether anything else was running. Also the time the
 * server's JVM spent in garbage collection meanwhile (jstat's GCT, read from the JVM's performance counters without
 * attaching to it).
 */
final class CpuMeter {

    /** Linux reports /proc times in USER_HZ ticks, 100 a second on every common kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;
    private long startNanos;
    private long serverTicks;
    private long selfNanos;
    private long[] machine;
    private double gcSeconds;

    /** @param gcMillis time the server's JVM spent collecting garbage in the window (-1 when jstat could not say) */
    record Usage(double server, double runner, double machineBusy, int cores, long gcMillis) {
    }

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    void start() {
        startNanos = System.nanoTime();
        serverTicks = processTicks(serverPid);
        selfNanos = selfCpuNanos();
        machine = machineTicks();
        gcSeconds = gcSeconds(serverPid);
    }

    Usage stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double server = (processTicks(serverPid) - serverTicks) / TICKS_PER_SECOND / seconds;
        double runner = (selfCpuNanos() - selfNanos) / 1e9 / seconds;
        long[] now = machineTicks();
        long busy = (now[0] - now[1]) - (machine[0] - machine[1]);
        double machineBusy = busy / TICKS_PER_SECOND / seconds;
        double gcNow = gcSeconds(serverPid);
        long gcMillis = gcNow < 0 || gcSeconds < 0 ? -1 : Math.round((gcNow - gcSeconds) * 1000);
        return new Usage(server, runner, machineBusy, Runtime.getRuntime().availableProcessors(), gcMillis);
    }

    /** The JVM's total garbage collection time so far, in seconds (jstat -gc, column GCT); -1 if unknown. */
    static double gcSeconds(long pid) {
        try {
            Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                    Long.toString(pid)).redirectErrorStream(true).start();
            String[] lines = new String(jstat.getInputStream().readAllBytes()).trim().split("\n");
            jstat.waitFor();
            if (lines.length < 2) {
                return -1;
            }
            List<String> header = List.of(lines[0].trim().split("\\s+"));
            String[] values = lines[lines.length - 1].trim().split("\\s+");
            int column = header.indexOf("GCT");
            return column < 0 || column >= values.length ? -1 : Double.parseDouble(values[column]);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** utime + stime of a process, fields 14 and 15 of /proc/pid/stat (counted after the command name's ')'). */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {total, idle + iowait} ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
