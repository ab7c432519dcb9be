package io.kafkasse.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx as the load balancer in front of several instances, started by a test in a directory of its own
 * (configuration, logs, temporary files) with the settings the README gives for SSE: no buffering, no compression,
 * long read timeouts, HTTP/1.1 to the instances, and the next instance tried when one refuses the connection.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** The nginx binary, or null when it is not installed. */
    public static Path binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** The configuration a test runs with, as an operator would write it (README, "Scaling out"). */
    public static String configuration(Path dir, int port, List<Integer> instances) {
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    upstream kafka_sse {
                %2$s
                        keepalive 16;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://kafka_sse;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_buffering off;
                            proxy_cache off;
                            gzip off;
                            proxy_read_timeout 1h;
                            proxy_send_timeout 1h;
                            proxy_next_upstream error timeout http_502 http_503;
                        }
                    }
                }
                """.formatted(dir, instances.stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=30s;")
                .collect(Collectors.joining("\n")), port);
    }

    public static Nginx start(Path binary, Path dir, int port, List<Integer> instances) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("tmp"));
        // The workers may run as another user (nginx started as root): they write the temporary files.
        dir.resolve("tmp").toFile().setWritable(true, false);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, configuration(dir, port, instances));
        Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, dir);
        try {
            Await.until(Duration.ofSeconds(20), "nginx to listen on " + port + " (see " + dir + ")", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited; see " + dir.resolve("nginx.out"));
                }
                return Listening.on(port);
            });
            return nginx;
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            nginx.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
