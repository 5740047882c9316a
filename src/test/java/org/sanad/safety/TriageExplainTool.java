package org.sanad.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.text.MessageText;
import org.sanad.text.TestText;
import org.sanad.text.Word;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detector's decision and rule, and whether the safety net reads a problem report, for every row of triage sets
 * ({@code ./mvnw -B -o test -Ptools -Dtest=TriageExplainTool -Dset=a.jsonl[,b.jsonl] [-Dall=true]}, or one message's words and
 * families: {@code -Dtext=...}): seconds, not
 * the minute of {@code BlindSetTool}, for tuning the families. Without {@code all}, only the rows decided against
 * their kind. Search is not run, so a row the tool shows as {@code net} reaches CHECK only where search is unsure.
 */
@Tag("tool")
class TriageExplainTool {

    @Test
    void explain() throws IOException {
        String words = System.getProperty("text");
        if (words != null) {
            SignFamilies families = SignFamilies.bundled();
            for (Word word : TestText.read(words).words()) {
                BitSet of = families.familiesOf(word);
                System.out.println(word.text() + " loose=" + word.loose() + " bare=" + word.bare() + " clause="
                        + word.clause() + " variants=" + word.variants() + " families="
                        + of.stream().mapToObj(families::name).toList());
            }
            System.out.println(new RedFlagDetector().assess(TestText.read(words)));
            return;
        }
        String sets = System.getProperty("set");
        if (sets == null) {
            System.out.println("usage: -Dset=<file.jsonl>[,<file.jsonl>] [-Dall=true]");
            return;
        }
        boolean all = Boolean.getBoolean("all");
        RedFlagDetector detector = new RedFlagDetector();
        ProblemReports problems = new ProblemReports();
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder out = new StringBuilder();
        for (String set : sets.split(",")) {
            for (String line : Files.readAllLines(Path.of(set), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                String kind = row.get("kind").asString();
                MessageText text = TestText.read(row.get("text").asString());
                Triage triage = detector.assess(text);
                boolean escalated = triage.level() == Triage.Level.URGENT || triage.level() == Triage.Level.CRISIS;
                boolean must = kind.equals("emergency") || kind.equals("crisis");
                boolean wrong = !kind.equals("mention") && escalated != must;
                if (all || wrong) {
                    out.append(wrong ? "WRONG " : "      ").append(row.get("id").asString()).append(' ').append(kind)
                            .append(' ').append(row.has("category") ? row.get("category").asString() : "-").append(' ')
                            .append(triage.level()).append(' ').append(triage.rule())
                            .append(!escalated && problems.reports(text) ? " net" : "")
                            .append(" «").append(row.get("text").asString()).append("»\n");
                }
            }
        }
        System.out.println(out);
    }
}
