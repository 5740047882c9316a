package org.sanad.bench;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.ask.AnswerService;
import org.sanad.eval.EvalRow;
import org.sanad.eval.TestPipeline;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.safety.RedFlagDetector;
import org.sanad.text.MessageText;
import org.sanad.text.TestText;

/** Where the time of one answer goes, stage by stage: {@code ./mvnw -B test -Ptools -Dtest=PipelineProfileTool}. */
@Tag("tool")
class PipelineProfileTool {

    @Test
    void profile() throws Exception {
        List<String> questions = new ArrayList<>();
        EvalRow.load("/eval/dev_questions.jsonl").forEach(r -> questions.add(r.text()));
        EvalRow.load("/eval/independent_questions.jsonl").forEach(r -> questions.add(r.text()));
        AnswerService answers = TestPipeline.shared();
        PassageSearch search = TestKnowledge.search(TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE,
                java.nio.file.Files.createTempDirectory("profile")));
        RedFlagDetector detector = new RedFlagDetector();
        for (int i = 0; i < 5000; i++) {
            answers.answer(questions.get(i % questions.size()));
        }
        int n = 20000;
        long read = 0, triage = 0, lookup = 0, whole = 0;
        for (int i = 0; i < n; i++) {
            String q = questions.get(i % questions.size());
            long t0 = System.nanoTime();
            MessageText text = TestText.read(q);
            long t1 = System.nanoTime();
            detector.assess(text);
            long t2 = System.nanoTime();
            search.search(text);
            long t3 = System.nanoTime();
            answers.answer(q);
            long t4 = System.nanoTime();
            read += t1 - t0;
            triage += t2 - t1;
            lookup += t3 - t2;
            whole += t4 - t3;
        }
        System.out.printf("%nper question (mean of %d): read %.3f ms, triage %.3f ms, search %.3f ms, whole answer %.3f ms%n",
                n, read / 1e6 / n, triage / 1e6 / n, lookup / 1e6 / n, whole / 1e6 / n);
        for (var shape : AnsweringBenchmark.hostileShapes().entrySet()) {
            long r = 0, t = 0, s = 0;
            int rounds = 20;
            for (int i = 0; i < rounds + 5; i++) {
                long t0 = System.nanoTime();
                MessageText text = TestText.read(shape.getValue());
                long t1 = System.nanoTime();
                detector.assess(text);
                long t2 = System.nanoTime();
                search.search(text);
                long t3 = System.nanoTime();
                if (i >= 5) {
                    r += t1 - t0;
                    t += t2 - t1;
                    s += t3 - t2;
                }
            }
            System.out.printf("%-28s read %.3f ms, triage %.3f ms, search %.3f ms%n", shape.getKey(), r / 1e6 / rounds,
                    t / 1e6 / rounds, s / 1e6 / rounds);
        }
    }
}
