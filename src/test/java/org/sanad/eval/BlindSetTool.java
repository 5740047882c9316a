package org.sanad.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.TestKnowledge;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores a question or triage set that is not (yet) part of the suite, for first-run figures on blind material:
 * {@code ./mvnw -B test -Ptools -Dtest=BlindSetTool -Dset=a.jsonl[,b.jsonl] [-Ddocs=dir] [-Dquiet=true]}. With {@code docs}, the
 * documents in that folder are indexed beside the project's {@code knowledge/}, without example questions, as a
 * clinic would add them. A file whose rows carry a {@code category} or the kinds {@code ordinary},
 * {@code false_friend} or {@code concern} is a triage set.
 */
@Tag("tool")
class BlindSetTool {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@code -Dquiet=true}: figures only, for a sealed set whose rows must not be read before its honest run. */
    private static final boolean QUIET = Boolean.getBoolean("quiet");

    @Test
    void score() throws IOException {
        String sets = System.getProperty("set");
        if (sets == null) {
            System.out.println("usage: -Dset=<file.jsonl>[,<file.jsonl>] [-Ddocs=<folder of .md documents>]");
            return;
        }
        Path knowledge = Files.createTempDirectory("blind-knowledge");
        TestKnowledge.copyDocuments(TestKnowledge.PROJECT_KNOWLEDGE, knowledge);
        String docs = System.getProperty("docs");
        if (docs != null && !docs.isBlank()) {
            for (String dir : docs.split(",")) {
                TestKnowledge.copyDocuments(Path.of(dir), knowledge);
            }
        }
        PassageIndex index = TestKnowledge.index(knowledge, Files.createTempDirectory("blind-index"));
        AnswerService service = TestPipeline.answerService(TestKnowledge.search(index));
        PlainLucenePeer peer = new PlainLucenePeer(knowledge);
        StringBuilder summary = new StringBuilder("\n=== summary: Sanad beside plain Lucene (ArabicAnalyzer, BM25) ===\n");
        for (String set : sets.split(",")) {
            List<String> lines = Files.readAllLines(Path.of(set), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            if (isTriageSet(lines)) {
                String report = triage(service, set, lines);
                System.out.println(QUIET ? report.substring(0, report.indexOf("--- misses")) : report);
            } else {
                List<EvalRow> rows = EvalRow.parse(lines);
                Evaluation evaluation = Evaluation.run(service, TestPipeline.replies(), rows);
                String report = evaluation.report(set);
                System.out.println(QUIET ? report.substring(0, report.indexOf("--- misses")) : report);
                Evaluation plain = Evaluation.run(peer::answer, TestPipeline.replies(), rows);
                summary.append(Path.of(set).getFileName()).append('\n')
                        .append("  sanad  ").append(evaluation.summary()).append('\n')
                        .append("  lucene ").append(plain.summary()).append('\n');
            }
        }
        System.out.println(summary);
        peer.close();
        index.close();
    }


    private static boolean isTriageSet(List<String> lines) {
        JsonNode first = JSON.readTree(lines.get(0));
        return first.has("category") || lines.stream().anyMatch(l -> l.contains("\"ordinary\"")
                || l.contains("\"false_friend\"") || l.contains("\"concern\""));
    }

    /** Emergency recall (URGENT, and URGENT or CHECK), false alarms and CHECKs by kind, and every miss. */
    private static String triage(AnswerService service, String set, List<String> lines) {
        Map<String, int[]> byKind = new TreeMap<>();
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, int[]> byDialect = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            String kind = row.get("kind").asString();
            String text = row.get("text").asString();
            String dialect = row.has("dialect") ? row.get("dialect").asString() : "";
            Answer answer = service.answer(text);
            String outcome = outcome(answer);
            int[] counts = byKind.computeIfAbsent(kind, k -> new int[4]);
            counts[0]++;
            counts[outcome.equals("URGENT") || outcome.equals("CRISIS") ? 1 : outcome.equals("CHECK") ? 2 : 3]++;
            if (kind.equals("emergency")) {
                boolean urgent = answer.emergency();
                String category = row.has("category") ? row.get("category").asString() : "-";
                tally(byCategory, category, urgent);
                tally(byDialect, dialect, urgent);
                if (!urgent) {
                    misses.add(row.get("id").asString() + " [" + category + "/" + dialect + "] " + outcome + " «" + text + "»");
                }
            } else if (!kind.equals("mention") && !outcome.equals("NONE")) {
                misses.add(row.get("id").asString() + " [" + kind + "/" + dialect + "] " + outcome + " «" + text + "»");
            }
        }
        StringBuilder out = new StringBuilder("\n=== triage: " + set + " ===\n");
        out.append(String.format("%-14s %6s %8s %7s %6s%n", "kind", "rows", "URGENT*", "CHECK", "NONE"));
        byKind.forEach((kind, c) -> out.append(String.format("%-14s %6d %8d %7d %6d%n", kind, c[0], c[1], c[2], c[3])));
        out.append("(URGENT* = URGENT or CRISIS)\n--- emergency recall by category ---\n");
        byCategory.forEach((k, c) -> out.append(String.format("  %-14s %d/%d%n", k, c[1], c[0])));
        out.append("--- emergency recall by dialect ---\n");
        byDialect.forEach((k, c) -> out.append(String.format("  %-14s %d/%d%n", k, c[1], c[0])));
        out.append("--- misses (emergencies not escalated; other kinds not left alone) ---\n");
        misses.forEach(m -> out.append("   ").append(m).append('\n'));
        return out.toString();
    }

    private static String outcome(Answer answer) {
        if (answer.emergency()) {
            return answer.kind().name();
        }
        return answer.kind().name().equals("CHECK") ? "CHECK" : "NONE";
    }

    private static void tally(Map<String, int[]> map, String key, boolean hit) {
        int[] c = map.computeIfAbsent(key, k -> new int[2]);
        c[0]++;
        if (hit) {
            c[1]++;
        }
    }
}
