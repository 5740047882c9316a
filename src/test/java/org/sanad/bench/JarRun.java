package org.sanad.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/** One run of the real jar in a JVM of its own: start, memory, questions over HTTP, memory again, stop. */
final class JarRun {

    static final int CLIENTS = 4;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    record Result(String name, long startMillis, long rssAfterStartKb, long rssAfterKb, long peakKb, int questions,
            double seconds, String latencies, int failures) {

        String summary() {
            return String.format("%-70s started in %5.1f s  RSS %4d MB after start, %4d MB after %d questions (peak %4d MB)"
                    + "%n%-70s %s  failures=%d", name, startMillis / 1000.0, rssAfterStartKb / 1024, rssAfterKb / 1024,
                    questions, peakKb / 1024, "", latencies, failures);
        }
    }

    private JarRun() {
    }

    static Result measure(Path jar, String name, String jvmOptions, List<String> questions, int count) throws Exception {
        Path data = Files.createTempDirectory("sanad-jar-data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxRAM=512m"); // what the JVM reads from a 512 MB container limit
        for (String option : jvmOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("sanad.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("DATA_DIR", data.toString());
        env.put("KNOWLEDGE_DIR", Path.of("knowledge").toAbsolutePath().toString());
        env.remove("TELEGRAM_BOT_TOKEN");
        env.remove("SPRING_DATASOURCE_URL");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
            while (!up(client, health)) {
                if (!process.isAlive() || System.nanoTime() - started > START_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(name + ": the jar did not start; its log: " + data.resolve("sanad.log"));
                }
                Thread.sleep(200);
            }
            long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Thread.sleep(2000); // let start-up settle (deferred initialisation, JIT)
            long rssAfterStart = status(process.pid(), "VmRSS");

            JsonMapper json = JsonMapper.builder().build();
            List<byte[]> bodies = questions.stream().map(q -> json.writeValueAsBytes(Map.of("text", q))).toList();
            URI ask = URI.create("http://127.0.0.1:" + port + "/api/ask");
            Latencies latencies = new Latencies();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long t0 = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CLIENTS; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        if (post(client, ask, bodies.get(i % bodies.size())) != 200) {
                            failures.incrementAndGet();
                        }
                        latencies.record(t);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rssAfter = status(process.pid(), "VmRSS");
            long peak = status(process.pid(), "VmHWM");
            return new Result(name, startMillis, rssAfterStart, rssAfter, peak, count, seconds,
                    latencies.summary("POST /api/ask", seconds), failures.get());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean up(HttpClient client, URI health) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int post(HttpClient client, URI uri, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** A figure of /proc/&lt;pid&gt;/status in kB, e.g. VmRSS (resident now) or VmHWM (resident at its peak). */
    static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }
}
