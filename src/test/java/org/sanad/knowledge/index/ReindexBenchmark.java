package org.sanad.knowledge.index;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import org.sanad.knowledge.KnowledgeFolder;
import org.sanad.testing.SharedFolder;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.search.PassageSearch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reindex time for 10,000 generated passages (the clinic article's vocabulary, shuffled into 200 documents of
 * 50 paragraphs) and question latency while the reindex runs. {@code ./mvnw -B test -Pbenchmark -Dtest=ReindexBenchmark}
 */
@Tag("benchmark")
class ReindexBenchmark {

    private static final int DOCUMENTS = 200;
    private static final int PASSAGES_PER_DOCUMENT = 50;

    @Test
    void tenThousandPassages() throws Exception {
        Path knowledge = Files.createTempDirectory("bench-knowledge");
        Path data = Files.createTempDirectory("bench-data");
        KnowledgeFolder.at(knowledge).withClinicArticle();
        generate(knowledge);
        PassageIndex index = new PassageIndex(data, knowledge);
        PassageIndex.Report first = index.open();
        PassageSearch search = TestKnowledge.search(index);
        List<String> questions = List.of("متى يبدأ مفعول البوتوكس؟", "هل البوتوكس آمن؟", "شو فوايد الابرة للولد؟",
                "كيف اطبخ الملوخية؟", "botox kam modet ta2sero?", "ما هي الأعراض الجانبية؟");
        for (int i = 0; i < 500; i++) {
            TestKnowledge.ask(search, questions.get(i % questions.size()));
        }
        Recorder idle = measure(search, questions, 2000);

        AtomicBoolean reindexing = new AtomicBoolean(true);
        Recorder during = new Recorder(3);
        AtomicInteger failures = new AtomicInteger();
        ExecutorService askers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            running.add(askers.submit(() -> {
                for (int i = 0; reindexing.get(); i++) {
                    long start = System.nanoTime();
                    try {
                        TestKnowledge.ask(search, questions.get(i % questions.size()));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    during.recordValue(System.nanoTime() - start);
                }
            }));
        }
        PassageIndex.Report report = index.rebuild();
        reindexing.set(false);
        for (Future<?> r : running) {
            r.get();
        }
        askers.shutdown();
        index.close();

        var idleHistogram = idle.getIntervalHistogram();
        var duringHistogram = during.getIntervalHistogram();
        System.out.println();
        System.out.printf("=== reindex benchmark (%d cores) ===%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("first build at start-up: %d documents, %d passages in %d ms%n", first.documents(),
                first.passages(), first.duration().toMillis());
        System.out.printf("reindex while 2 threads ask: %d passages in %d ms%n", report.passages(),
                report.duration().toMillis());
        System.out.printf("question latency idle:           p50=%.2f ms p99=%.2f ms (n=%d)%n",
                idleHistogram.getValueAtPercentile(50) / 1e6, idleHistogram.getValueAtPercentile(99) / 1e6,
                idleHistogram.getTotalCount());
        System.out.printf("question latency during reindex: p50=%.2f ms p99=%.2f ms max=%.2f ms (n=%d, failures=%d)%n",
                duringHistogram.getValueAtPercentile(50) / 1e6, duringHistogram.getValueAtPercentile(99) / 1e6,
                duringHistogram.getMaxValue() / 1e6, duringHistogram.getTotalCount(), failures.get());
    }

    private static Recorder measure(PassageSearch search, List<String> questions, int n) {
        Recorder recorder = new Recorder(3);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            TestKnowledge.ask(search, questions.get(i % questions.size()));
            recorder.recordValue(System.nanoTime() - start);
        }
        return recorder;
    }

    /** Paragraphs of 25 to 60 words drawn from the article's own vocabulary, with a heading every 10. */
    private static void generate(Path knowledge) throws Exception {
        String article = Files.readString(SharedFolder.require("knowledge-source/botox-for-children-with-microcephaly.ar.txt"),
                StandardCharsets.UTF_8);
        String[] words = article.replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+");
        Random random = new Random(42);
        for (int d = 0; d < DOCUMENTS; d++) {
            StringBuilder doc = new StringBuilder("---\ntitle: نشرة رقم " + d + "\n---\n\n# نشرة رقم " + d + "\n\n");
            for (int p = 0; p < PASSAGES_PER_DOCUMENT; p++) {
                if (p % 10 == 0) {
                    doc.append("## قسم ").append(p / 10).append("\n\n");
                }
                int length = 25 + random.nextInt(36);
                for (int w = 0; w < length; w++) {
                    doc.append(words[random.nextInt(words.length)]).append(' ');
                }
                doc.append(d).append('-').append(p).append(".\n\n");
            }
            Files.writeString(knowledge.resolve("leaflet-" + d + ".md"), doc.toString(), StandardCharsets.UTF_8);
        }
    }
}
