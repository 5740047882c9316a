package org.sanad.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.RunningSanad;
import org.sanad.ask.AnswerService;
import org.sanad.eval.EvalRow;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speed of the answering pipeline in process and of {@code POST /api/ask} over loopback, on the evaluation
 * questions; then the memory of the real jar as a clinic runs it. {@code ./mvnw -B package -DskipTests} first (for
 * {@code target/sanad.jar}), then {@code ./mvnw -B test -Pbenchmark -Dtest=AnsweringBenchmark}.
 */
@Tag("benchmark")
class AnsweringBenchmark extends RunningSanad {

    private static final int WARMUP = 3000;
    private static final int MEASURED = 10000;
    private static final int HTTP_THREADS = 4;
    private static final long HTTP_SECONDS = 15;

    @Autowired
    AnswerService answers;

    private static List<String> questions() {
        List<String> texts = new ArrayList<>();
        EvalRow.load("/eval/dev_questions.jsonl").forEach(r -> texts.add(r.text()));
        EvalRow.load("/eval/independent_questions.jsonl").forEach(r -> texts.add(r.text()));
        return texts;
    }

    @Test
    void pipelineAndHttpLatency() throws Exception {
        List<String> questions = questions();
        for (int i = 0; i < WARMUP; i++) {
            answers.answer(questions.get(i % questions.size()));
        }
        Latencies inProcess = new Latencies();
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            answers.answer(questions.get(i % questions.size()));
            inProcess.record(t);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        JsonMapper json = JsonMapper.builder().build();
        List<byte[]> bodies = questions.stream().map(q -> json.writeValueAsBytes(java.util.Map.of("text", q))).toList();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/ask");
        for (int i = 0; i < 1000; i++) {
            post(client, uri, bodies.get(i % bodies.size()));
        }
        Latencies overHttp = new Latencies();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(HTTP_THREADS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HTTP_SECONDS);
        long httpStart = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < HTTP_THREADS; w++) {
            int offset = w;
            workers.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < deadline; i += HTTP_THREADS) {
                    long t = System.nanoTime();
                    if (post(client, uri, bodies.get(i % bodies.size())) != 200) {
                        failures.incrementAndGet();
                    }
                    overHttp.record(t);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double httpSeconds = (System.nanoTime() - httpStart) / 1e9;

        System.out.println();
        System.out.println("=== answering benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + questions.size() + " distinct questions) ===");
        System.out.println(inProcess.summary("in-process AnswerService.answer, 1 thread", seconds));
        System.out.println(overHttp.summary("POST /api/ask over loopback, " + HTTP_THREADS + " clients", httpSeconds));
        System.out.println("HTTP failures: " + failures.get());
    }

    /**
     * {@code java -jar target/sanad.jar} as a child process in a simulated 512 MB container ({@code -XX:MaxRAM=512m},
     * which is what the JVM reads from the container's limit), once with the JVM options of the Dockerfile and once
     * with those it had before ({@code -XX:MaxRAMPercentage=75} alone): resident memory (VmRSS of
     * /proc/&lt;pid&gt;/status) after start and after 10,000 questions over HTTP, its peak (VmHWM), and the speed.
     * {@code -Dsanad.jvm.options="…"} measures other options instead of the Dockerfile's.
     */
    @Test
    void memoryOfTheRealJarInA512MbContainer() throws Exception {
        Path jar = Path.of("target", "sanad.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "target/sanad.jar is missing: run ./mvnw -B package -DskipTests first");
        String recommended = System.getProperty("sanad.jvm.options", DockerfileJvmOptions.read());
        List<String> lines = new ArrayList<>();
        // Twice each, alternating, so that a neighbour's load on a shared machine does not favour one of them.
        for (int round = 1; round <= 2; round++) {
            lines.add(JarRun.measure(jar, "before: -XX:MaxRAMPercentage=75", "-XX:MaxRAMPercentage=75", questions(),
                    MEASURED).summary());
            lines.add(JarRun.measure(jar, "Dockerfile: " + recommended, recommended, questions(), MEASURED).summary());
        }
        System.out.println();
        System.out.println("=== java -jar target/sanad.jar in a simulated 512 MB container (-XX:MaxRAM=512m), "
                + MEASURED + " questions over HTTP, " + JarRun.CLIENTS + " clients ===");
        lines.forEach(System.out::println);
    }

    private static int post(HttpClient client, URI uri, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
