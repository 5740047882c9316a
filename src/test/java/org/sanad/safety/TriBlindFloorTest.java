package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The second tuning round of blind triage messages ({@code safety/tri-s1.jsonl}, {@code safety/tri-s2.jsonl}, written
 * by someone who saw no code) as regression floors. First run through the whole pipeline: tri-s1 60 of 66
 * emergencies URGENT, tri-s2 44 of 67 (51 URGENT or CHECK). The floors are the detector's figures once tuned: they
 * may only rise. The third round ({@code safety/tri-s3.jsonl}, 129 messages) ran first at 55 of 66 emergencies URGENT
 * (58 URGENT or CHECK), 2 of 26 ordinary messages and 2 of 9 negated reports escalated; its floor is the tuned figure.
 * The fourth ({@code safety/tri-s4.jsonl}, 135 messages) ran first at 63 of 70 emergencies URGENT (66 URGENT or
 * CHECK), 3 of 28 ordinary questions CHECK, 4 of 12 false friends escalated, 9 of 10 negated reports left alone.
 * The fifth ({@code safety/tri-s5.jsonl}, 130 messages) ran first at 63 of 66 emergencies URGENT (64 URGENT or CHECK),
 * 3 of 12 false friends and 1 of 9 negated reports escalated, a crisis missed; the other people's breathing of three
 * false friends (a husband's asthma, a brother's, the parent's own worry) is now read as theirs (the sign's subject).
 */
class TriBlindFloorTest {

    @ParameterizedTest(name = "{0}: at most {2} emergencies, {3} crises left alone")
    @CsvSource({"tri-s1, 150, 0, 0", "tri-s2, 150, 4, 0", "tri-s3, 129, 0, 0", "tri-s4, 135, 0, 0",
            "tri-s5, 130, 0, 0"})
    void escalatesTheEmergenciesAndCrisesOfTheRound(String set, int size, int missedEmergencies, int missedCrises) {
        Map<String, List<String>> wrong = BlindTriageRound.wrongByKind(set, size);
        wrong.forEach((kind, rows) -> rows.forEach(r -> System.out.println("WRONG " + set + " " + kind + " " + r)));
        assertThat(wrong.get("emergency")).as("emergencies not escalated").hasSizeLessThanOrEqualTo(missedEmergencies);
        assertThat(wrong.get("crisis")).as("crises not escalated").hasSizeLessThanOrEqualTo(missedCrises);
    }

    @ParameterizedTest(name = "{0}: no false alarm, at most {2} negated, {3} false friends, {4} concerns escalated")
    @CsvSource({"tri-s1, 150, 0, 0, 1", "tri-s2, 150, 0, 0, 1", "tri-s3, 129, 0, 0, 0", "tri-s4, 135, 0, 0, 0",
            "tri-s5, 130, 0, 0, 0"})
    void leavesOrdinaryNegatedAndFalseFriendMessagesAlone(String set, int size, int negated, int falseFriends,
            int concerns) {
        Map<String, List<String>> wrong = BlindTriageRound.wrongByKind(set, size);
        assertThat(wrong.get("ordinary")).as("false alarms").isEmpty();
        assertThat(wrong.get("negated")).as("negated reports escalated").hasSizeLessThanOrEqualTo(negated);
        assertThat(wrong.get("false_friend")).as("false friends escalated").hasSizeLessThanOrEqualTo(falseFriends);
        assertThat(wrong.get("concern")).as("concerns escalated").hasSizeLessThanOrEqualTo(concerns);
    }
}
