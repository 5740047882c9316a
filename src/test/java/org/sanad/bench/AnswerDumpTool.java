package org.sanad.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.eval.EvalRow;
import org.sanad.eval.OffTopicQuestions;
import org.sanad.eval.TestPipeline;

/**
 * Every answer of the evaluation and triage sets, the off-topic questions and the hostile shapes, one line each (kind, triage,
 * passages with scores, related, reply): run it before and after a change meant to be faster only, and diff.
 * {@code ./mvnw -B test -Ptools -Dtest=AnswerDumpTool -Ddump=/tmp/answers.tsv}
 */
@Tag("tool")
class AnswerDumpTool {

    @Test
    void dump() throws Exception {
        String out = System.getProperty("dump");
        if (out == null) {
            System.out.println("usage: -Ddump=<file to write>");
            return;
        }
        List<String> texts = new ArrayList<>();
        try (Stream<Path> sets = Files.list(Path.of("src/test/resources/eval"))) {
            for (Path set : sets.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                EvalRow.load("/eval/" + set.getFileName()).forEach(r -> texts.add(r.text()));
            }
        }
        try (Stream<Path> sets = Files.list(Path.of("src/test/resources/safety"))) {
            for (Path set : sets.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                EvalRow.load("/safety/" + set.getFileName()).forEach(r -> texts.add(r.text()));
            }
        }
        for (String line : Files.readAllLines(Path.of("src/test/resources/safety/triage-cases.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                texts.add(line.substring(line.lastIndexOf('\t') + 1));
            }
        }
        texts.addAll(OffTopicQuestions.load());
        texts.addAll(AnsweringBenchmark.hostileShapes().values());
        AnswerService answers = TestPipeline.shared();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8))) {
            for (String text : texts) {
                Answer a = answers.answer(text);
                w.println(String.join("\t", a.kind().name(), a.triage().name(), "" + a.emergency(), "" + a.answered(),
                        sources(a.passages()), sources(a.related()), a.reply().replace('\n', ' ')));
            }
        }
        System.out.println("answers written: " + texts.size());
        measure(answers, texts.subList(0, Math.min(1180, texts.size())));
    }

    /** Allocation and CPU of one thread per answer: steadier than the wall clock on a shared machine. */
    private static void measure(AnswerService answers, List<String> texts) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20000; i++) {
            answers.answer(texts.get(i % texts.size()));
        }
        for (int round = 1; round <= 3; round++) {
            int n = 20000;
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                answers.answer(texts.get(i % texts.size()));
            }
            System.out.printf("round %d: %.1f KB allocated, %.1f us CPU per answer (%d answers)%n", round,
                    (threads.getCurrentThreadAllocatedBytes() - bytes) / 1024.0 / n,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / n, n);
        }
    }

    private static String sources(List<Answer.Source> sources) {
        return String.join(",", sources.stream().map(s -> s.id() + "=" + s.score()).toList());
    }
}
