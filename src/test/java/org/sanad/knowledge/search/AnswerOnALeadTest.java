package org.sanad.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.KnowledgeFolder;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;

/** A clinic document added without example questions, asked about in dialect. */
class AnswerOnALeadTest {

    @TempDir
    Path knowledge;
    @TempDir
    Path indexDir;

    private PassageIndex index() throws Exception {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        Files.writeString(knowledge.resolve("visit-day.md"), """
                # يوم الزيارة

                ## مواعيد العيادة

                تفتح العيادة من الأحد إلى الخميس من الثامنة صباحا حتى الثالثة عصرا، وتغلق يومي الجمعة والسبت.

                ## الصيام قبل التخدير

                إذا تقرر إجراء الحقن تحت التخدير العام، يصوم الطفل عن الطعام الصلب والحليب ست ساعات قبل الموعد.

                ## الأوراق المطلوبة

                يرجى إحضار هوية الطفل ودفتر التطعيمات وآخر التقارير الطبية يوم الزيارة.
                """, StandardCharsets.UTF_8);
        return TestKnowledge.index(knowledge, indexDir);
    }

    @Test
    void answersADialectQuestionOnTheOnePassageThatHoldsItsTopic() throws Exception {
        PassageIndex index = index();
        SearchResult result = TestKnowledge.ask(TestKnowledge.search(index),
                "العيادة فاتحة يوم السبت؟ انا موظفة وما بقدر غير بالويكند");
        assertThat(result.answered()).isTrue();
        assertThat(result.passages().get(0).passage().text()).contains("تفتح العيادة");
        index.close();
    }

    @Test
    void stillTurnsAwayAQuestionOnASubjectNoDocumentHas() throws Exception {
        PassageIndex index = index();
        SearchResult result = TestKnowledge.ask(TestKnowledge.search(index),
                "في موقف سيارات جنب العيادة؟ ابني تقيل وما بقدر امشي فيه مسافة طويلة");
        assertThat(result.answered()).isFalse();
        index.close();
    }
}
