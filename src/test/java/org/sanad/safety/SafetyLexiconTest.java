package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lexicon files are data that clinicians edit: a mistake in them must fail the build, with its line. */
class SafetyLexiconTest {

    private final SafetyLexicon lexicon = SafetyLexicon.bundled();

    @Test
    void hasEveryWordClassTheRulesRead() {
        for (String section : SafetyLexicon.WORD_CLASSES) {
            assertThat(lexicon.words()).as(section).containsKey(section);
            assertThat(lexicon.words().get(section)).as(section).isNotEmpty();
        }
    }

    @Test
    void keepsVerbOpenersToOneWord() {
        assertThat(lexicon.words().get("ability-before-verb")).allSatisfy(phrase ->
                assertThat(phrase.words()).as(phrase.source()).hasSize(1));
    }

    @Test
    void filesRedFlagsOnlyUnderKnownCategories() {
        assertThat(SafetyLexicon.CATEGORIES).containsAll(lexicon.redFlags().keySet());
        assertThat(lexicon.redFlags().keySet()).containsAll(SafetyLexicon.CATEGORIES);
        assertThat(SafetyLexicon.CRISIS_CATEGORIES).isEqualTo(lexicon.crisis().keySet());
        for (String section : lexicon.words().keySet()) {
            if (section.startsWith("action:") || section.startsWith("capacity:") || section.startsWith("topic:")) {
                assertThat(SafetyLexicon.CATEGORIES).as(section).contains(section.substring(section.indexOf(':') + 1));
            }
        }
    }

    @Test
    void refersOnlyToWordClassesThatExist() {
        for (Map<String, List<SafetyLexicon.Phrase>> file : List.of(lexicon.words(), lexicon.redFlags(), lexicon.crisis())) {
            file.values().stream().flatMap(List::stream).forEach(phrase -> {
                for (TokenPattern word : phrase.words()) {
                    if (word.kind() == TokenPattern.Kind.CLASS) {
                        assertThat(lexicon.words()).as(phrase.source()).containsKey(word.text());
                    }
                }
                assertThat(phrase.words().get(0).kind()).as(phrase.source() + ": a phrase cannot start with a gap")
                        .isNotEqualTo(TokenPattern.Kind.GAP);
                assertThat(phrase.words().get(phrase.words().size() - 1).kind())
                        .as(phrase.source() + ": a phrase cannot end with a gap").isNotEqualTo(TokenPattern.Kind.GAP);
            });
        }
    }

    @Test
    void remembersNoWordOfAMessageOnceItIsRead() {
        SafetyLexicon lexicon = SafetyLexicon.bundled();
        RedFlagDetector detector = new RedFlagDetector(lexicon);

        detector.assess(org.sanad.text.TestText.read("ابني ما يقدر يبلع من امبارح، my son can't swallow"));

        assertThat(lexicon.remembersAnyWord()).isFalse();
    }

    @Test
    void listsNoPhraseTwiceInASection() {
        List<String> repeats = new java.util.ArrayList<>();
        for (Map<String, List<SafetyLexicon.Phrase>> file : List.of(lexicon.words(), lexicon.redFlags(), lexicon.crisis())) {
            file.forEach((section, phrases) -> {
                Set<List<TokenPattern>> seen = new HashSet<>();
                for (SafetyLexicon.Phrase phrase : phrases) {
                    if (!seen.add(phrase.words())) {
                        repeats.add(phrase.source() + " [" + section + "]");
                    }
                }
            });
        }
        assertThat(repeats).as("phrases written twice (after normalising)").isEmpty();
    }

    @Test
    void rejectsAWordItCannotRead() {
        assertThatThrownBy(() -> SafetyLexicon.parse("test.txt", List.of("[negator]", "ب*ل")))
                .hasMessageContaining("test.txt:2");
        assertThatThrownBy(() -> SafetyLexicon.parse("test.txt", List.of("مش")))
                .hasMessageContaining("before any [section]");
        // «~mesh» would also match «much»: short Arabizi words are written plainly.
        assertThatThrownBy(() -> SafetyLexicon.parse("test.txt", List.of("[negator]", "~mesh")))
                .hasMessageContaining("three consonants");
    }

    @Test
    void readsWordsAsTheNormaliserWritesThem() {
        List<SafetyLexicon.Phrase> phrases = SafetyLexicon.parse("test.txt", List.of("[x]", "إغماءةٌ", "*بلع*")).get("x");
        assertThat(phrases.get(0).words().get(0).text()).isEqualTo("اغماه");
        assertThat(phrases.get(1).words().get(0).matches(org.sanad.text.TestText.read("مبيبلعش").word(0))).isTrue();
    }
}
