package org.sanad.knowledge.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.text.TestText;

/**
 * Shows how Sanad reads each question of a file (one a line): its slots, which words the documents know, and
 * the gate's evidence. {@code ./mvnw -B test -Ptools -Dtest=ExplainRetrievalTool -Dexplain=questions.txt}
 */
@Tag("tool")
class ExplainRetrievalTool {

    @Test
    void explain() throws Exception {
        String file = System.getProperty("explain");
        if (file == null) {
            System.out.println("usage: -Dexplain=<file with one question a line>");
            return;
        }
        Path knowledge = TestKnowledge.PROJECT_KNOWLEDGE;
        String docs = System.getProperty("docs");
        if (docs != null && !docs.isBlank()) {
            // -Ddocs=<folder>: those documents beside the project's, as BlindSetTool indexes them.
            knowledge = Files.createTempDirectory("explain-knowledge");
            for (Path from : new Path[] {TestKnowledge.PROJECT_KNOWLEDGE, Path.of(docs)}) {
                try (var files = Files.list(from)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".txt"))
                            .toList()) {
                        Files.copy(f, knowledge.resolve(f.getFileName()));
                    }
                }
            }
        }
        PassageIndex index = TestKnowledge.index(knowledge, Files.createTempDirectory("explain"));
        PassageSearch search = TestKnowledge.search(index);
        for (String question : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            if (question.isBlank()) {
                continue;
            }
            System.out.println("Q: " + question);
            index.withSnapshot(g -> {
                new QuestionReader(g.language()).analyze(TestText.read(question).words()).slots()
                        .forEach(s -> System.out.println("   " + s.surface()
                        + (s.weak() ? " [weak]" : "") + (s.anchor() ? " [anchor]" : "")
                        + (s.general() ? " [general]" : "")
                        + " known=" + s.terms().stream().filter(g.vocabulary()::contains).toList()));
                return null;
            });
            SearchResult result = TestKnowledge.ask(search, question);
            var shown = result.passages().isEmpty() ? result.related() : result.passages();
            System.out.println("   => " + result.verdict() + " " + result.evidence() + " "
                    + shown.stream().map(p -> p.passage().id() + ":" + p.score()).toList());
        }
        index.close();
    }
}
