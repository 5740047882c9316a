package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sanad.text.TestText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tuning round of blind triage messages (written by someone who saw no code; {@code safety/tri-tune.jsonl}) as
 * a regression floor. Its first run, before the sign families: 83 of 110 emergencies escalated, no ordinary
 * message, 23 of 25 negated reports and 19 of 21 false friends left alone. The floors are the figures once tuned.
 */
class TriTuneFloorTest {

    private static final RedFlagDetector detector = new RedFlagDetector();

    private record Row(String id, String kind, String text) {
    }

    @Test
    void escalatesEveryEmergencyAndCrisisOfTheTuningRound() {
        Map<String, List<String>> wrong = wrongByKind();
        assertThat(wrong.get("emergency")).as("emergencies not escalated").isEmpty();
        assertThat(wrong.get("crisis")).as("crises not escalated").isEmpty();
    }

    @Test
    void leavesOrdinaryNegatedAndFalseFriendMessagesAlone() {
        Map<String, List<String>> wrong = wrongByKind();
        assertThat(wrong.get("ordinary")).as("false alarms").isEmpty();
        assertThat(wrong.get("negated")).as("negated reports escalated").isEmpty();
        assertThat(wrong.get("false_friend")).as("false friends escalated").isEmpty();
        assertThat(wrong.get("concern")).as("concerns escalated").isEmpty();
    }

    /** For each kind, the rows decided against it: not escalated (emergency, crisis), or escalated (the others). */
    private static Map<String, List<String>> wrongByKind() {
        Map<String, List<String>> wrong = new TreeMap<>();
        for (Row row : rows()) {
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

    private static List<Row> rows() {
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = TriTuneFloorTest.class.getResourceAsStream("/safety/tri-tune.jsonl")) {
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    rows.add(new Row(node.get("id").asString(), node.get("kind").asString(), node.get("text").asString()));
                }
            }
            assertThat(rows).hasSize(232);
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
