package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sanad.text.TestText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second tuning round of blind triage messages ({@code safety/tri-s1.jsonl}, {@code safety/tri-s2.jsonl}, written
 * by someone who saw no code) as regression floors. First run through the whole pipeline: tri-s1 60 of 66
 * emergencies URGENT, tri-s2 44 of 67 (51 URGENT or CHECK). The floors are the detector's figures once tuned: they
 * may only rise.
 */
class TriBlindFloorTest {

    private static final RedFlagDetector detector = new RedFlagDetector();

    private record Row(String id, String kind, String text) {
    }

    @ParameterizedTest(name = "{0}: at most {1} emergencies, {2} crises left alone")
    @CsvSource({"tri-s1, 2, 0", "tri-s2, 7, 0"})
    void escalatesTheEmergenciesAndCrisesOfTheRound(String set, int missedEmergencies, int missedCrises) {
        Map<String, List<String>> wrong = wrongByKind(set);
        wrong.forEach((kind, rows) -> rows.forEach(r -> System.out.println("WRONG " + set + " " + kind + " " + r)));
        assertThat(wrong.get("emergency")).as("emergencies not escalated").hasSizeLessThanOrEqualTo(missedEmergencies);
        assertThat(wrong.get("crisis")).as("crises not escalated").hasSizeLessThanOrEqualTo(missedCrises);
    }

    @ParameterizedTest(name = "{0}: no false alarm, at most {1} negated, {2} false friends, {3} concerns escalated")
    @CsvSource({"tri-s1, 1, 0, 1", "tri-s2, 1, 0, 1"})
    void leavesOrdinaryNegatedAndFalseFriendMessagesAlone(String set, int negated, int falseFriends, int concerns) {
        Map<String, List<String>> wrong = wrongByKind(set);
        assertThat(wrong.get("ordinary")).as("false alarms").isEmpty();
        assertThat(wrong.get("negated")).as("negated reports escalated").hasSizeLessThanOrEqualTo(negated);
        assertThat(wrong.get("false_friend")).as("false friends escalated").hasSizeLessThanOrEqualTo(falseFriends);
        assertThat(wrong.get("concern")).as("concerns escalated").hasSizeLessThanOrEqualTo(concerns);
    }

    /** For each kind, the rows decided against it: not escalated (emergency, crisis), or escalated (the others). */
    private static Map<String, List<String>> wrongByKind(String set) {
        Map<String, List<String>> wrong = new TreeMap<>();
        for (Row row : rows(set)) {
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

    private static List<Row> rows(String set) {
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = TriBlindFloorTest.class.getResourceAsStream("/safety/" + set + ".jsonl")) {
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    rows.add(new Row(node.get("id").asString(), node.get("kind").asString(), node.get("text").asString()));
                }
            }
            assertThat(rows).hasSize(150);
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
