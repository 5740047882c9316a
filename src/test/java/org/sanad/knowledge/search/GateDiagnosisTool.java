package org.sanad.knowledge.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.eval.EvalFolding;
import org.sanad.eval.EvalRow;
import org.sanad.text.TestText;

/**
 * For tuning on spent sets: per question, the gate's verdict, where the expected passage ranks among the three
 * shown (answered or offered), and the gate's evidence, so that misses can be sorted into rejected-but-ranked,
 * ranked-wrong and not-retrieved. {@code -Dset=… -Ddocs=…} as {@link BlindSetTool}.
 */
@Tag("tool")
class GateDiagnosisTool {

    @Test
    void diagnose() throws IOException {
        String sets = System.getProperty("set");
        if (sets == null) {
            return;
        }
        Path knowledge = Files.createTempDirectory("diag-knowledge");
        TestKnowledge.copyDocuments(TestKnowledge.PROJECT_KNOWLEDGE, knowledge);
        for (String dir : System.getProperty("docs", "").split(",")) {
            if (!dir.isBlank()) {
                TestKnowledge.copyDocuments(Path.of(dir), knowledge);
            }
        }
        PassageIndex index = TestKnowledge.index(knowledge, Files.createTempDirectory("diag-index"));
        PassageSearch search = TestKnowledge.search(index);
        for (String set : sets.split(",")) {
            List<EvalRow> rows = EvalRow.parse(Files.readAllLines(Path.of(set), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList());
            for (EvalRow row : rows) {
                SearchResult result = TestKnowledge.ask(search, row.text());
                List<SearchResult.ScoredPassage> shown = result.answered() ? result.passages() : result.related();
                int rank = 0;
                for (int i = 0; i < shown.size(); i++) {
                    if (EvalFolding.containsAny(shown.get(i).passage().text(), row.expectAny())) {
                        rank = i + 1;
                        break;
                    }
                }
                String top = shown.isEmpty() ? "-" : shown.get(0).passage().id() + " " + shown.get(0).score()
                        + (shown.size() > 1 ? " / " + shown.get(1).passage().id() + " " + shown.get(1).score() : "");
                String topics = index.withSnapshot(g -> {
                    QuestionReader reader = new QuestionReader(g.language());
                    int n = g.getIndexReader().numDocs();
                    java.util.Set<String> own = shown.isEmpty() ? java.util.Set.of()
                            : g.ownTermsOf(shown.get(0).passage().id());
                    StringBuilder b = new StringBuilder();
                    for (Slot s : reader.analyze(TestText.read(row.text()).words()).slots()) {
                        if (s.weak()) {
                            continue;
                        }
                        java.util.Set<String> known = new java.util.LinkedHashSet<>();
                        s.terms().stream().filter(g.vocabulary()::contains).forEach(known::add);
                        if (known.isEmpty()) {
                            s.everyday().stream().filter(g.vocabulary()::contains).forEach(known::add);
                        }
                        int df = known.stream().mapToInt(g.vocabulary()::documentFrequency).max().orElse(0);
                        double w = Math.log(1 + (double) n / Math.max(1, df)) / Math.log(1 + n);
                        String tag = known.isEmpty() ? (s.everyday().isEmpty() ? (s.general() ? "g?" : "??") : "u?")
                                : known.stream().anyMatch(own::contains) ? "+" : "-";
                        b.append(String.format(" %s%s%s:%.2f", tag, s.anchor() ? "A" : s.general() ? "G" : "", s.surface(), w));
                    }
                    return b.toString();
                });
                SearchResult.Evidence e = result.evidence();
                System.out.printf("DIAG %s %-6s %-11s rank=%d %s | cw=%d m=%d u=%d cov=%.2f a=%s mw=%.2f uw=%.2f umw=%.2f%n",
                        row.id(), row.kind(), result.verdict(), rank, top, e.contentWords(), e.matched(), e.unknown(),
                        e.coverage(), e.anchor(), e.matchedWeight(), e.unknownWeight(), e.unmatchedWeight());
                System.out.println("   SLOTS" + topics);
            }
        }
        index.close();
    }

}
