package org.sanad.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanad.eval.TestPipeline;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.SafetyProperties;

/** Red-flag triage through the one answering pipeline, with the real detector, documents and texts. */
class RedFlagPipelineTest {

    private static final String EMERGENCY_PHONE = "997";
    private static final String CRISIS_PHONE = "920033360";

    private static AnswerService service;
    private static ReplyComposer replies;

    @BeforeAll
    static void pipeline() throws Exception {
        PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, Files.createTempDirectory("red-flags"));
        PassageSearch search = TestKnowledge.search(index);
        replies = new ReplyComposer(TestPipeline.messages(), new SafetyProperties(EMERGENCY_PHONE, CRISIS_PHONE));
        service = new AnswerService(TestKnowledge.reader(), search, new RedFlagDetector(), replies,
                TestPipeline.uncounted());
    }

    @Test
    void opensTheReplyToAChildWhoCannotSwallowWithTheUrgentAdviceAndTheEmergencyNumber() {
        Answer answer = service.answer("ابني مش قادر يبلع من بعد الحقنة، هل ده طبيعي؟");
        assertThat(answer.emergency()).isTrue();
        assertThat(answer.kind()).isEqualTo(Answer.Kind.URGENT);
        assertThat(withoutMarks(answer.reply())).startsWith(replies.urgentAdvice());
        assertThat(answer.reply().lines().findFirst().orElseThrow()).contains(EMERGENCY_PHONE);
        assertThat(answer.reply()).endsWith(replies.doctorNote());
    }

    @Test
    void escalatesReportsInArabiziAndEnglishToo() {
        for (String report : new String[] {"ebni mesh 2ader ya5od nafaso", "my daughter's lips are blue",
                "ولدي ما يقدر يرفع راسه", "بنتي جاتها نوبة وجسمها بينتفض"}) {
            Answer answer = service.answer(report);
            assertThat(answer.emergency()).as(report).isTrue();
            assertThat(withoutMarks(answer.reply())).as(report).startsWith(replies.urgentAdvice());
        }
    }

    @Test
    void answersADeniedSignWithThePassageAndTheSafetyNoteWithoutEscalating() {
        Answer answer = service.answer("ابني بيتنفس كويس الحمد لله، امتى يبان مفعول الحقنة؟");
        assertThat(answer.emergency()).isFalse();
        assertThat(answer.kind()).isEqualTo(Answer.Kind.ANSWERED);
        assertThat(answer.reply()).contains(TestPipeline.messages().getMessage("safety.note", null,
                java.util.Locale.forLanguageTag("ar"))).endsWith(replies.doctorNote());
    }

    @Test
    void answersAGeneralQuestionAboutARiskWithoutTheAmbulance() {
        Answer answer = service.answer("هل يسبب البوتوكس صعوبة في البلع؟");
        assertThat(answer.emergency()).isFalse();
        assertThat(answer.answered()).isTrue();
        assertThat(answer.reply()).doesNotContain(EMERGENCY_PHONE).endsWith(replies.doctorNote());
    }

    @Test
    void answersACaregiverInCrisisKindlyWithTheCrisisLineAsAnEmergency() {
        Answer answer = service.answer("انا تعبت ونفسي اموت وارتاح");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.CRISIS);
        assertThat(answer.emergency()).isTrue();
        assertThat(answer.passages()).isEmpty();
        assertThat(withoutMarks(answer.reply())).startsWith(replies.crisisAdvice()).contains(CRISIS_PHONE)
                .doesNotContain(replies.urgentAdvice());
        assertThat(answer.reply()).endsWith(replies.doctorNote());
    }

    @Test
    void putsTheUrgentAdviceFirstWhenACaregiverInCrisisAlsoReportsADangerSign() {
        Answer answer = service.answer("ابني مش قادر يبلع وانا تعبت ونفسي اموت");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.CRISIS);
        assertThat(answer.emergency()).isTrue();
        assertThat(withoutMarks(answer.reply())).startsWith(replies.urgentAdvice()).contains(CRISIS_PHONE);
        assertThat(answer.reply()).endsWith(replies.doctorNote());
    }

    @Test
    void leavesOrdinaryQuestionsAndFalseFriendsAlone() {
        for (String question : new String[] {"امتى يبان مفعول البوتوكس؟", "نفسي اعرف الحقنة بتوجع ولا لا",
                "التشنج في رجله زاد بعد الحقنة", "مكان الابرة ازرق شوية"}) {
            assertThat(service.answer(question).emergency()).as(question).isFalse();
        }
    }

    private static String withoutMarks(String reply) {
        return reply.replace("\u200F", "");
    }
}
