package org.sanad.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.KnowledgeFolder;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;

/** A clinic document without example questions, beside the first article: its text's evidence may answer. */
class AnswerOnTheTextsEvidenceTest {

    @TempDir
    Path knowledge;
    @TempDir
    Path indexDir;

    private PassageIndex index;
    private PassageSearch search;
    private PassageSearch gateAlone;

    @BeforeEach
    void index() throws Exception {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        Files.writeString(knowledge.resolve("feeding.md"), """
                # التغذية والأكل

                ## صعوبة البلع والمضغ

                قد يجد الطفل المصاب بالشلل الدماغي صعوبة في المضغ والبلع بسبب ضعف التحكم في عضلات الفم، فتطول الوجبة ويتعب الطفل قبل أن يأخذ حاجته من الطعام، وقد يسعل أو يتقيأ أثناء الأكل.

                ## الوزن والسعرات

                التشنج العضلي يستهلك طاقة إضافية، لذلك يحتاج بعض الأطفال إلى سعرات حرارية أكثر من أقرانهم حتى يزيد وزنهم.

                ## الإمساك

                الإمساك شائع عند الأطفال قليلي الحركة، ويساعد شرب الماء والألياف والخضار والفواكه على تليين البراز.

                ## تكثيف السوائل

                إذا كان الطفل يشرق بالماء والعصير، يمكن تكثيف السوائل بمسحوق خاص تصفه أخصائية النطق والبلع.
                """, StandardCharsets.UTF_8);
        index = TestKnowledge.index(knowledge, indexDir);
        ConfidenceGate gate = new ConfidenceGate(ConfidenceGate.Settings.defaults());
        search = new PassageSearch(index, gate);
        gateAlone = new PassageSearch(index, gate, new TextAnswerRule(0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY));
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void answersADialectQuestionTheCoverageGateTurnsAwayWhenThePassageClearlyLeadsOnItsRareWords() {
        String question = "ولدي الشد ياكل من طاقته؟ وزنه واقف";

        assertThat(TestKnowledge.ask(gateAlone, question).answered()).isFalse();
        SearchResult result = TestKnowledge.ask(search, question);
        assertThat(result.answered()).isTrue();
        assertThat(result.passages().get(0).passage().text()).contains("يستهلك طاقة إضافية");
    }

    @Test
    void stillTurnsAwayAQuestionOnASubjectTheDocumentDoesNotCover() {
        assertThat(TestKnowledge.ask(search, "في عندكم دكتور اسنان؟ بنتي سنانها فيها تسوس").answered()).isFalse();
    }
}
