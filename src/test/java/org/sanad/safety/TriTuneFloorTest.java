package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tuning round of blind triage messages (written by someone who saw no code; {@code safety/tri-tune.jsonl}) as
 * a regression floor. Its first run, before the sign families: 83 of 110 emergencies escalated, no ordinary
 * message, 23 of 25 negated reports and 19 of 21 false friends left alone. The floors are the figures once tuned.
 */
class TriTuneFloorTest {

    @Test
    void escalatesEveryEmergencyAndCrisisOfTheTuningRound() {
        Map<String, List<String>> wrong = BlindTriageRound.wrongByKind("tri-tune", 232);
        assertThat(wrong.get("emergency")).as("emergencies not escalated").isEmpty();
        assertThat(wrong.get("crisis")).as("crises not escalated").isEmpty();
    }

    @Test
    void leavesOrdinaryNegatedAndFalseFriendMessagesAlone() {
        Map<String, List<String>> wrong = BlindTriageRound.wrongByKind("tri-tune", 232);
        assertThat(wrong.get("ordinary")).as("false alarms").isEmpty();
        assertThat(wrong.get("negated")).as("negated reports escalated").isEmpty();
        assertThat(wrong.get("false_friend")).as("false friends escalated").isEmpty();
        assertThat(wrong.get("concern")).as("concerns escalated").isEmpty();
    }
}
