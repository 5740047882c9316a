package org.sanad.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a message is read once for search and triage alike. */
class MessageTextTest {

    private static List<String> clauses(String message) {
        return TestText.read(message).clauses().stream()
                .map(words -> String.join(" ", words.stream().map(Word::text).toList())).toList();
    }

    @Test
    void cutsAMessageIntoClausesAtPunctuationLineBreaksAndContrast() {
        assertThat(clauses("ما عنده ضيق تنفس الحمد لله، بس قديش بيضل المفعول؟"))
                .containsExactly("ما عنده ضيق تنفس الحمد لله", "بس قديش بيضل المفعول");
        assertThat(clauses("ما عنده حرارة\nبيختنق")).containsExactly("ما عنده حراره", "بيختنق");
    }

    @Test
    void opensANewClauseAtAQuestionWordEvenWithoutAComma() {
        assertThat(clauses("ابني بيتنفس بصعوبة هل ده طبيعي")).containsExactly("ابني بيتنفس بصعوبه", "هل ده طبيعي");
        assertThat(clauses("وهل ده طبيعي")).containsExactly("وهل ده طبيعي");
    }

    @Test
    void splitsWordsWhereTheScriptChanges() {
        assertThat(TestText.read("ال injection بعد 24ساعة").words()).extracting(Word::text)
                .containsExactly("ال", "injection", "بعد", "24", "ساعه");
    }

    @Test
    void readsLatinWordsWithoutApostrophesAndCaseAndKeepsArabiziSkeletons() {
        Word word = TestText.read("Can't").word(0);
        assertThat(word.text()).isEqualTo("cant");
        assertThat(word.latin()).isTrue();
        assertThat(TestText.read("yebla3").word(0).skeletons()).isNotEmpty();
    }

    @Test
    void forgivesDoubledLettersAndSwappedLettersInTheLooseForm() {
        Word word = TestText.read("قاادر").word(0);
        assertThat(word.text()).isEqualTo("قاادر");
        assertThat(word.loose()).isEqualTo("قادر");
        assertThat(TestText.read("بيتنفث").word(0).loose()).isEqualTo("بيتنفس");
        assertThat(TestText.read("ومش").word(0).bare()).isEqualTo("مش");
    }

    @Test
    void recognisesNegationsWrittenIntoTheWord() {
        assertThat(TestText.read("مبيبلعش").word(0).fusedNegation()).isTrue();
        assertThat(TestText.read("مايقدر").word(0).joinedNegator()).isTrue();
        assertThat(TestText.read("مدرسة").word(0).fusedNegation()).isFalse();
    }

    @Test
    void neverStemsARunTooLongToBeAWord() {
        Word word = TestText.read("بوتوكس".repeat(700)).word(0);
        assertThat(word.variants()).containsExactly(word.text());
        assertThat(TestText.read("botox".repeat(800)).word(0).skeletons()).isEmpty();
    }

    @Test
    void everyClauseOpenerIsOneWord() {
        for (String opener : LanguageResources.bundled().clauseOpeners()) {
            assertThat(TextReader.words(opener)).as(opener).hasSize(1);
        }
    }
}
