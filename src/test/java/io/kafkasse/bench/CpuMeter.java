package io.kafkasse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used during the measured window, in cores: by the server process, by this JVM (the embedded broker and the
 * producer live here) and by the whole machine. With 2 cores shared by all three, the machine total says whether
 * a latency rise is the server's limit or the machine's, and whether anything else was running.
 */
final class CpuMeter {

    /** Linux reports /proc times in USER_HZ ticks, 100 a second on every common kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;
    private long startNanos;
    private long serverTicks;
    private long selfNanos;
    private long[] machine;

    record Usage(double server, double runner, double machineBusy, int cores) {
    }

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    void start() {
        startNanos = System.nanoTime();
        serverTicks = processTicks(serverPid);
        selfNanos = selfCpuNanos();
        machine = machineTicks();
    }

    Usage stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double server = (processTicks(serverPid) - serverTicks) / TICKS_PER_SECOND / seconds;
        double runner = (selfCpuNanos() - selfNanos) / 1e9 / seconds;
        long[] now = machineTicks();
        long busy = (now[0] - now[1]) - (machine[0] - machine[1]);
        double machineBusy = busy / TICKS_PER_SECOND / seconds;
        return new Usage(server, runner, machineBusy, Runtime.getRuntime().availableProcessors());
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
