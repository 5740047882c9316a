package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sanad.text.TestText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A round of blind triage messages kept as a floor ({@code safety/<set>.jsonl}), judged by the detector alone. */
final class BlindTriageRound {

    private static final RedFlagDetector detector = new RedFlagDetector();

    private record Row(String id, String kind, String text) {
    }

    private BlindTriageRound() {
    }

    /**
     * For each kind, the rows decided against it: not escalated (emergency, crisis), or escalated (the others;
     * a mention may go either way).
     */
    static Map<String, List<String>> wrongByKind(String set, int expectedRows) {
        Map<String, List<String>> wrong = new TreeMap<>();
        for (Row row : rows(set, expectedRows)) {
            Triage triage = detector.assess(TestText.read(row.text()));
            boolean escalated = triage.level() == Triage.Level.URGENT || triage.level() == Triage.Level.CRISIS;
            boolean mustEscalate = row.kind().equals("emergency") || row.kind().equals("crisis");
            List<String> list = wrong.computeIfAbsent(row.kind(), k -> new ArrayList<>());
            if (!row.kind().equals("mention") && escalated != mustEscalate) {
                list.add(row.id() + " " + triage.rule() + " «" + row.text() + "»");
            }
        }
        return wrong;
    }

    private static List<Row> rows(String set, int expectedRows) {
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = BlindTriageRound.class.getResourceAsStream("/safety/" + set + ".jsonl")) {
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    rows.add(new Row(node.get("id").asString(), node.get("kind").asString(), node.get("text").asString()));
                }
            }
            assertThat(rows).hasSize(expectedRows);
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
