package org.sanad.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.RunningSanad;
import org.sanad.ask.AnswerService;
import org.sanad.eval.EvalRow;
import org.sanad.safety.RedFlagDetector;
import org.sanad.text.TextReader;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speed of the answering pipeline: in process, for the longest messages, for hostile messages of every shape, and
 * over HTTP against the same server's static page; then the memory of the real jar as a clinic runs it.
 * {@code ./mvnw -B package -DskipTests} first (for {@code target/sanad.jar}), then
 * {@code ./mvnw -B test -Pbenchmark -Dtest=AnsweringBenchmark} (HTTP with wrk when it is installed,
 * {@code apt-get install wrk}; otherwise with a Java client).
 */
@Tag("benchmark")
class AnsweringBenchmark extends RunningSanad {

    private static final int WARMUP = 5000;
    private static final int MEASURED = 20000;
    /** Questions the real jar answers between its two memory readings. */
    private static final int JAR_QUESTIONS = 10000;
    private static final int LONGEST = 4096;
    private static final int HTTP_THREADS = 4;
    private static final long HTTP_SECONDS = 15;

    @Autowired
    AnswerService answers;

    @Autowired
    TextReader reader;

    @Autowired
    RedFlagDetector redFlags;

    private static List<String> questions() {
        List<String> texts = new ArrayList<>();
        EvalRow.load("/eval/dev_questions.jsonl").forEach(r -> texts.add(r.text()));
        EvalRow.load("/eval/independent_questions.jsonl").forEach(r -> texts.add(r.text()));
        return texts;
    }

    /** Messages of 4,096 characters built to be expensive: every shape a flood of junk might take. */
    static Map<String, String> hostileShapes() {
        Random random = new Random(7);
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("one long Arabic word", fill("بوتوكس", ""));
        shapes.put("one letter repeated", fill("ب", ""));
        shapes.put("random Arabic letters", randomWords(random, "ابتثجحخدذرزسشصضطظعغفقكلمنهويءةى", 2, 9));
        shapes.put("random Latin letters", randomWords(random, "abcdefghijklmnopqrstuvwxyz0123456789", 2, 9));
        shapes.put("mixed scripts in one word", fill("بوتxوكس7ب", ""));
        shapes.put("a report repeated", fill("ابني مش قادر يبلع من بعد الحقنه وعنده صعوبة في التنفس، هل ده طبيعي؟ ", ""));
        shapes.put("words of the documents", fill("البوتوكس الحقن العضلات التشنج الاطفال صغر الراس ", ""));
        shapes.put("digits and punctuation", fill("1.2,3؟!", ""));
        return shapes;
    }

    private static String fill(String unit, String separator) {
        StringBuilder out = new StringBuilder(LONGEST);
        while (out.length() + unit.length() + separator.length() <= LONGEST) {
            out.append(unit).append(separator);
        }
        return out.toString();
    }

    private static String randomWords(Random random, String letters, int min, int max) {
        StringBuilder out = new StringBuilder(LONGEST);
        while (out.length() < LONGEST - max - 1) {
            int length = min + random.nextInt(max - min + 1);
            for (int i = 0; i < length; i++) {
                out.append(letters.charAt(random.nextInt(letters.length())));
            }
            out.append(' ');
        }
        return out.toString();
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

        String report = hostileShapes().get("a report repeated");
        for (int i = 0; i < 200; i++) {
            redFlags.assess(reader.read(report));
        }
        Latencies triage = new Latencies();
        for (int i = 0; i < 500; i++) {
            long t = System.nanoTime();
            redFlags.assess(reader.read(report));
            triage.record(t);
        }

        StringBuilder hostile = new StringBuilder();
        double worst = 0;
        for (Map.Entry<String, String> shape : hostileShapes().entrySet()) {
            for (int i = 0; i < 20; i++) {
                answers.answer(shape.getValue());
            }
            Latencies latencies = new Latencies();
            for (int i = 0; i < 50; i++) {
                long t = System.nanoTime();
                answers.answer(shape.getValue());
                latencies.record(t);
            }
            worst = Math.max(worst, latencies.maxMillis());
            hostile.append(String.format("  %-28s p50=%7.3f ms  max=%7.3f ms%n", shape.getKey(),
                    latencies.percentileMillis(50), latencies.maxMillis()));
        }

        String http = Files.isExecutable(Path.of("/usr/bin/wrk")) ? withWrk(questions) : withJavaClient(questions);

        System.out.println();
        System.out.println("=== answering benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + questions.size() + " distinct questions) ===");
        System.out.println(inProcess.summary("in-process AnswerService.answer, 1 thread", seconds));
        System.out.printf("triage (read + assess) of a %d-character report: p50=%.3f ms, p99=%.3f ms%n", report.length(),
                triage.percentileMillis(50), triage.percentileMillis(99));
        System.out.printf("hostile messages of %d characters, whole pipeline (worst %.3f ms):%n%s", LONGEST, worst,
                hostile);
        System.out.print(http);
    }

    /** {@code POST /api/ask} and {@code GET /} with wrk, in one run, so that the two throughputs compare. */
    private String withWrk(List<String> questions) throws IOException, InterruptedException {
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder lua = new StringBuilder("local bodies = {\n");
        for (String q : questions) {
            lua.append("  ").append(json.writeValueAsString(json.writeValueAsString(java.util.Map.of("text", q))))
                    .append(",\n");
        }
        lua.append("}\nlocal i = 0\nwrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n")
                .append("request = function()\n  i = i % #bodies + 1\n")
                .append("  return wrk.format(nil, nil, nil, bodies[i])\nend\n");
        Path script = Files.createTempFile("ask", ".lua");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        String base = "http://127.0.0.1:" + port;
        wrk(base + "/", null, 3);
        wrk(base + "/api/ask", script, 3);
        double page = wrk(base + "/", null, (int) HTTP_SECONDS);
        double ask = wrk(base + "/api/ask", script, (int) HTTP_SECONDS);
        return String.format("wrk -t2 -c8, %d s each: GET / %.0f requests/s, POST /api/ask %.0f requests/s, "
                + "ratio %.2f%n", HTTP_SECONDS, page, ask, ask / page);
    }

    private static double wrk(String url, Path script, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c8", "-d" + seconds + "s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw errors:\n" + out);
        }
        return rate.find() ? Double.parseDouble(rate.group(1)) : 0;
    }

    private String withJavaClient(List<String> questions) throws Exception {
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
        return overHttp.summary("POST /api/ask over loopback, " + HTTP_THREADS + " clients (no wrk)", httpSeconds)
                + "\nHTTP failures: " + failures.get() + "\n";
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
        Assumptions.assumeTrue(Files.isRegularFile(jar),
                "target/sanad.jar is missing: run ./mvnw -B package -DskipTests first");
        String recommended = System.getProperty("sanad.jvm.options", DockerfileJvmOptions.read());
        List<String> lines = new ArrayList<>();
        // Twice each, alternating, so that a neighbour's load on a shared machine does not favour one of them.
        for (int round = 1; round <= 2; round++) {
            lines.add(JarRun.measure(jar, "before: -XX:MaxRAMPercentage=75", "-XX:MaxRAMPercentage=75", questions(),
                    JAR_QUESTIONS).summary());
            lines.add(JarRun.measure(jar, "Dockerfile: " + recommended, recommended, questions(), JAR_QUESTIONS)
                    .summary());
        }
        System.out.println();
        System.out.println("=== java -jar target/sanad.jar in a simulated 512 MB container (-XX:MaxRAM=512m), "
                + JAR_QUESTIONS + " questions over HTTP, " + JarRun.CLIENTS + " clients ===");
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
