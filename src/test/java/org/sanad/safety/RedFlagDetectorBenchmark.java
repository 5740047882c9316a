package org.sanad.safety;

import java.util.List;
import org.sanad.text.TestText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long triage takes before every answer: a typical message, and the longest one the API accepts.
 * {@code ./mvnw -B test -Pbenchmark -Dtest=RedFlagDetectorBenchmark [-Dcpu=true]}
 */
@Tag("benchmark")
class RedFlagDetectorBenchmark {

    /**
     * {@code -Dcpu=true}: the thread's CPU time instead of the wall clock, for a machine shared with other builds
     * (the wall clock then counts the waits for a core).
     */
    private static final boolean CPU = Boolean.getBoolean("cpu");

    private static final long WARM_UP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private static long now() {
        return CPU ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    @Test
    void printsTriageLatency() {
        RedFlagDetector detector = new RedFlagDetector();
        List<String> typical = TriageCase.all().stream().map(TriageCase::text).toList();
        String report = "ابني مش قادر يبلع من بعد الحقنه وعنده صعوبة في التنفس، هل ده طبيعي؟ ";
        String longest = report.repeat(4096 / report.length());
        // One clause of 4,096 characters made of every case's words: no repeated word to cache, families all about.
        StringBuilder mixedText = new StringBuilder();
        for (int i = 0; mixedText.length() < 4096; i = (i + 7) % typical.size()) {
            mixedText.append(typical.get(i).replaceAll("[.,?!؟،]", " ")).append(' ');
        }
        String mixed = mixedText.substring(0, 4096);
        // warm up for seconds, not rounds: on a busy machine five rounds left the code half compiled
        for (long until = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < until; ) {
            typical.forEach(text -> detector.assess(TestText.read(text)));
            detector.assess(TestText.read(longest));
            detector.assess(TestText.read(mixed));
        }
        long start = now();
        int rounds = 20;
        for (int i = 0; i < rounds; i++) {
            typical.forEach(text -> detector.assess(TestText.read(text)));
        }
        double perMessage = (now() - start) / 1e6 / (rounds * typical.size());
        start = now();
        for (int i = 0; i < rounds; i++) {
            detector.assess(TestText.read(longest));
        }
        double perLongest = (now() - start) / 1e6 / rounds;
        start = now();
        for (int i = 0; i < rounds; i++) {
            detector.assess(TestText.read(mixed));
        }
        double perMixed = (now() - start) / 1e6 / rounds;
        System.out.printf("%n=== red-flag triage latency (" + (CPU ? "CPU time" : "wall clock") + ") ===%n typical message (%d cases): %.3f ms%n"
                + " 4,096-character message:      %.1f ms%n"
                + " 4,096 characters of mixed cases, one clause: %.1f ms%n", typical.size(), perMessage, perLongest, perMixed);
    }
}
