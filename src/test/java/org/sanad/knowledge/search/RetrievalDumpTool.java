package org.sanad.knowledge.search;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.text.TestText;
import org.sanad.testing.SharedFolder;
import org.sanad.eval.EvalFolding;
import org.sanad.eval.EvalRow;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;

/**
 * Writes every evaluation row with the gate's evidence to a TSV, for choosing thresholds on data rather than
 * by hand. {@code ./mvnw -B test -Ptools -Dtest=RetrievalDumpTool -Ddump=/tmp/rows.tsv -Dgate=0.5,0.7
 * -Dsets=dev_questions,independent_questions,blind_questions}
 */
@Tag("tool")
class RetrievalDumpTool {

    @Test
    void dump() throws Exception {
        String out = System.getProperty("dump");
        if (out == null) {
            System.out.println("usage: -Ddump=<tsv to write> [-Dgate=<coverage with anchor>,<without>]");
            return;
        }
        PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, Files.createTempDirectory("dump"));
        String[] gate = System.getProperty("gate", "0.5,0.7").split(",");
        PassageSearch search = TestKnowledge.search(index, Double.parseDouble(gate[0]), Double.parseDouble(gate[1]));
        List<EvalRow> rows = new ArrayList<>();
        for (String set : System.getProperty("sets", "dev_questions,independent_questions").split(",")) {
            rows.addAll(EvalRow.load("/eval/" + set + ".jsonl"));
        }
        int n = 0;
        for (String line : Files.readAllLines(SharedFolder.require("eval/negatives/mentalqa_train_dev_questions.txt"))) {
            if (!line.isBlank()) {
                rows.add(new EvalRow("n" + n++, "neg", line, "neg", List.of(), false, false, false));
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8))) {
            w.println("id\tkind\tdialect\thard\tuncovered\tverdict\tcoverage\tanchor\tmatched\tcontent\tunknown"
                    + "\ttop1\ttop3\ttext\tunknowns\ttop\tM\tU\tK");
            for (EvalRow row : rows) {
                SearchResult r = TestKnowledge.ask(search, row.text());
                var list = r.passages().isEmpty() ? r.related() : r.passages();
                boolean t1 = !list.isEmpty() && EvalFolding.containsAny(list.get(0).passage().text(), row.expectAny());
                boolean t3 = list.stream().limit(3)
                        .anyMatch(p -> EvalFolding.containsAny(p.passage().text(), row.expectAny()));
                var e = r.evidence();
                w.println(String.join("\t", row.id(), row.kind(), row.dialect(), "" + row.hard(), "" + row.uncovered(),
                        r.verdict().name(), "" + e.coverage(), "" + e.anchor(), "" + e.matched(), "" + e.contentWords(),
                        "" + e.unknown(), "" + t1, "" + t3, row.text().replace('\t', ' ').replace('\n', ' '),
                        String.join(" ", unknowns(index, row.text())),
                        list.isEmpty() ? "-" : list.get(0).passage().id().replaceAll(".*#", ""),
                        "" + e.matchedWeight(), "" + e.unknownWeight(), "" + e.unmatchedWeight()));
            }
        }
        index.close();
    }

    private static List<String> unknowns(PassageIndex index, String text) {
        return index.withSnapshot(g -> new QuestionReader(g.language()).analyze(TestText.read(text).words()).slots().stream()
                .filter(s -> !s.weak() && s.terms().stream().noneMatch(g.vocabulary()::contains))
                .map(Slot::surface).toList());
    }
}
