package org.sanad.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a passage without example questions is judged on its own text's evidence. */
class TextAnswerRuleTest {

    private final TextAnswerRule rule = TextAnswerRule.bundled();

    private static PassageSearch.ResolvedSlot word(String term, double weight) {
        return slot(term, weight, false, false, false, Set.of(term));
    }

    private static PassageSearch.ResolvedSlot slot(String term, double weight, boolean general, boolean repaired,
            boolean understood, Set<String> known) {
        Slot slot = new Slot(term, Set.of(term), false, general, false, Set.of(), 1, 0);
        return new PassageSearch.ResolvedSlot(slot, known, repaired, weight, false, understood);
    }

    private static PassageSearch.ResolvedSlot unknown(String term) {
        return slot(term, 1, false, false, false, Set.of());
    }

    @Test
    void answersALeaderFarAheadWhoseTextHoldsTheRareWordsThoughTheCoverageGateTurnedItAway() {
        var features = new TextAnswerRule.Features(2.5, 2.2, 0.8, 2, true);

        assertThat(rule.answers(features)).isTrue();
    }

    @Test
    void turnsAwayALeaderBarelyAheadThatHoldsOneCommonWord() {
        var features = new TextAnswerRule.Features(1.05, 0.4, 0.3, 2, false);

        assertThat(rule.answers(features)).isFalse();
    }

    @Test
    void aLeadAHeadingThatNamesTheTopicAndRarerHeldWordsEachRaiseTheScore() {
        var plain = new TextAnswerRule.Features(1.2, 1.0, 0.6, 1, false);

        assertThat(rule.score(new TextAnswerRule.Features(1.8, 1.0, 0.6, 1, false))).isGreaterThan(rule.score(plain));
        assertThat(rule.score(new TextAnswerRule.Features(1.2, 1.0, 0.6, 1, true))).isGreaterThan(rule.score(plain));
        assertThat(rule.score(new TextAnswerRule.Features(1.2, 2.0, 0.8, 1, false))).isGreaterThan(rule.score(plain));
        assertThat(rule.score(new TextAnswerRule.Features(1.2, 1.0, 0.6, 3, false))).isLessThan(rule.score(plain));
    }

    @Test
    void aLeadBeyondTheCapAndHeldRarityBeyondTheCapAddNothing() {
        assertThat(rule.score(new TextAnswerRule.Features(9, 9, 1, 0, false)))
                .isEqualTo(rule.score(new TextAnswerRule.Features(TextAnswerRule.LEAD_CAP, TextAnswerRule.HELD_CAP,
                        1, 0, false)));
    }

    @Test
    void readsTheTextsEvidenceFromTheSlots() {
        List<PassageSearch.ResolvedSlot> slots = List.of(
                word("جبير", 0.9),
                word("طفل", 0.2),
                slot("اسهل", 0.8, false, true, false, Set.of("اسهل")),
                slot("عطي", 0.5, true, false, false, Set.of()),
                slot("شلون", 0.5, false, false, true, Set.of()),
                unknown("زربه"));

        var features = TextAnswerRule.features(slots, Set.of("جبير", "اسهل"), Set.of("جبير"), Set.of(), 2.0);

        assertThat(features.heldWeight()).as("a repaired spelling counts for three quarters").isCloseTo(1.5, within(1e-9));
        assertThat(features.heldShare()).isCloseTo(1.5 / 1.9, within(1e-9));
        assertThat(features.unknownWords()).as("general and understood words are not mysteries").isEqualTo(1);
        assertThat(features.headingTopic()).isTrue();
        assertThat(features.lead()).isEqualTo(2.0);
    }

    @Test
    void aHeadingThatHoldsOnlyAnEverydayWordDoesNotNameTheTopic() {
        var features = TextAnswerRule.features(List.of(word("طفل", 0.2), word("جبير", 0.9)), Set.of("طفل"),
                Set.of("طفل"), Set.of(), 1.0);

        assertThat(features.headingTopic()).isFalse();
    }

    @Test
    void aHeadingWordTheRunnerUpsHeadingAlsoHoldsNamesTheDocumentsSubjectNotTheQuestion() {
        List<PassageSearch.ResolvedSlot> slots = List.of(word("اجهزه", 0.7), word("تواصل", 0.4));

        var shared = TextAnswerRule.features(slots, Set.of("اجهزه", "تواصل"), Set.of("اجهزه", "تواصل"),
                Set.of("اجهزه", "تواصل"), 2.0);
        var own = TextAnswerRule.features(slots, Set.of("اجهزه", "تواصل"), Set.of("اجهزه", "تواصل"),
                Set.of("تواصل"), 2.0);

        assertThat(shared.headingTopic()).isFalse();
        assertThat(own.headingTopic()).isTrue();
    }
}
