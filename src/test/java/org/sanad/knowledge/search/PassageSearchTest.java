package org.sanad.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.KnowledgeFolder;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;

/** Ranking and gate behaviours on the clinic's real article. */
class PassageSearchTest {

    @TempDir
    Path knowledge;

    @TempDir
    Path data;

    private PassageIndex index;
    private PassageSearch search;

    @BeforeEach
    void open() {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        index = TestKnowledge.index(knowledge, data);
        search = TestKnowledge.search(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private String best(String question) {
        SearchResult result = TestKnowledge.ask(search, question);
        assertThat(result.verdict()).as(question).isEqualTo(SearchResult.Verdict.ANSWERED);
        return result.passages().get(0).passage().text();
    }

    @Test
    void answersWhenTheOnlyUnknownWordsAreEverydayDialectVerbs() {
        assertThat(best("عطيناه الإبرة قبل ٤ شهور وهالحين رجعت رجله تيبس")).isNotBlank();
        assertThat(best("شو بيصير اذا عطوه جرعة زيادة؟")).contains("جرعة زائدة");
    }

    @Test
    void stillRejectsAQuestionAboutASubjectTheDocumentsLack() {
        assertThat(TestKnowledge.ask(search, "بنتي عندها إسهال من يومين، شو بعطيها؟").answered()).isFalse();
        assertThat(TestKnowledge.ask(search, "عايزة احجز ميعاد لابني للبوتكس").answered()).isFalse();
    }

    @Test
    void rejectsAnInjectionOfAnotherMedicine() {
        assertThat(TestKnowledge.ask(search, "حقنة الانسولين بتتاخد قبل الاكل ولا بعده؟").answered()).isFalse();
        assertThat(TestKnowledge.ask(search, "ما فائدة حقنة فيتامين ب١٢ للأطفال وما الجرعة المناسبة لها").answered()).isFalse();
    }

    @Test
    void anInjectionFollowedByAnEverydayOrKnownWordIsStillTheSubject() {
        assertThat(best("مكان الإبرة صار أزرق شوي متل كدمة، هيدا من الأعراض الجانبية؟")).contains("الآثار الجانبية");
        assertThat(best("وين بيعطوا الابرة تقريبا؟ جنب المفصل؟")).isNotBlank();
    }

    @Test
    void aSpellingGuessAloneIsNoMatch() {
        // «اسهال» is one letter from «اسهل» (easier), which the article has.
        SearchResult result = TestKnowledge.ask(search, "اسهال شديد عند بنتي");
        assertThat(result.answered()).isFalse();
    }

    @Test
    void ranksThePassageWhoseTextSaysWhatWasAskedAboveOneMatchingExampleQuestion() {
        assertThat(best("what is botox good for in a child with a small head")).contains("صغر الرأس");
        assertThat(best("ليه البوتوكس بينفع العيال اللي عندهم صغر راس؟")).contains("صغر الرأس");
    }
}
