package org.sanad.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExplainDebugTest {

    @Test
    void explain() throws Exception {
        String file = System.getProperty("explain");
        if (file == null) {
            return;
        }
        PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, Files.createTempDirectory("x"));
        PassageSearch search = TestKnowledge.search(index, 0.5, 0.7);
        for (String q : Files.readAllLines(Path.of(file))) {
            if (q.isBlank()) continue;
            System.out.println("Q: " + q);
            index.withGeneration(g -> {
                var a = g.analysis.questions().analyze(q);
                a.slots().forEach(s -> System.out.println("   " + s.surface() + (s.weak() ? " [weak]" : "") + (s.anchor() ? " [anchor]" : "")
                        + " known=" + s.terms().stream().filter(g.vocabulary::contains).toList() + " all=" + s.terms()));
                return null;
            });
            SearchResult r = search.search(q);
            System.out.println("   => " + r.verdict() + " " + r.evidence() + " "
                    + (r.passages().isEmpty() ? r.related().stream().map(p -> p.passage().id() + ":" + p.score()).toList()
                    : r.passages().stream().map(p -> p.passage().id() + ":" + p.score()).toList()));
        }
    }
}
