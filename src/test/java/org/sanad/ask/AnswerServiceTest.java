package org.sanad.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanad.eval.TestPipeline;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.SafetyProperties;
import org.sanad.safety.Triage;

/** The shared pipeline's replies: what comes first, what always comes last. The triage is set per test. */
class AnswerServiceTest {

    private static PassageSearch search;
    private final RedFlagDetector redFlags = mock(RedFlagDetector.class);

    @BeforeAll
    static void index() throws Exception {
        PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, Files.createTempDirectory("answers"));
        search = TestKnowledge.search(index);
    }

    private AnswerService service(Triage.Level level, String emergencyPhone, String crisisPhone) {
        when(redFlags.assess(any())).thenReturn(new Triage(level, List.of("swallowing"), "test"));
        ReplyComposer replies = new ReplyComposer(TestPipeline.messages(), new SafetyProperties(emergencyPhone, crisisPhone));
        return new AnswerService(TestKnowledge.reader(), search, redFlags, replies, TestPipeline.uncounted());
    }

    private static String doctorNote() {
        return TestPipeline.replies().doctorNote();
    }

    @Test
    void answersWithThePassageItsSourceAndTheDoctorNoteLast() {
        Answer answer = service(Triage.Level.NONE, "", "").answer("متى يبدأ مفعول البوتوكس؟");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.ANSWERED);
        assertThat(answer.reply()).startsWith(answer.passages().get(0).text())
                .contains("المصدر: " + answer.passages().get(0).heading())
                .endsWith(doctorNote());
    }

    @Test
    void opensAnUrgentReplyWithTheEmergencyAdviceAndItsNumber() {
        Answer answer = service(Triage.Level.URGENT, "997", "").answer("ابني مش قادر يبلع بعد الحقنة");
        assertThat(answer.emergency()).isTrue();
        assertThat(answer.kind()).isEqualTo(Answer.Kind.URGENT);
        assertThat(answer.reply().replace("\u200F", "")).startsWith("⚠️").contains("997").contains("طوارئ");
        assertThat(answer.reply()).endsWith(doctorNote());
    }

    @Test
    void givesTheUrgentAdviceWithoutANumberWhenNoneIsConfigured() {
        Answer answer = service(Triage.Level.URGENT, "", "").answer("ولدي يختنق");
        assertThat(answer.reply()).contains("طوارئ").doesNotContain("{0}");
    }

    @Test
    void answersACaregiverInCrisisWithHelpInsteadOfAnArticle() {
        Answer answer = service(Triage.Level.CRISIS, "", "920033360").answer("ما عدت أتحمل، أفكر أؤذي نفسي");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.CRISIS);
        assertThat(answer.passages()).isEmpty();
        assertThat(answer.reply()).contains("920033360").endsWith(doctorNote());
    }

    @Test
    void doesNotAnswerSomeoneElsesHealthQuestionWithTheRiskPassages() {
        Answer answer = service(Triage.Level.MENTION, "", "").answer("عندي خفقان وضيق في النفس من أسبوع، هل هو القلق؟");
        assertThat(answer.passages()).isEmpty();
        assertThat(answer.kind()).isEqualTo(Answer.Kind.NOT_COVERED);
        assertThat(answer.reply()).endsWith(doctorNote());
    }

    @Test
    void answersAGeneralQuestionAboutADangerSignFromTheRiskPassagesWithTheSafetyNote() {
        Answer answer = service(Triage.Level.MENTION, "", "").answer("هل البوتوكس ممكن يسبب مشاكل في البلع؟");
        assertThat(answer.emergency()).isFalse();
        assertThat(answer.passages()).isNotEmpty();
        assertThat(answer.passages().get(0).section()).isEqualTo("مخاطر البوتوكس");
        assertThat(answer.reply()).contains("تنبيه").endsWith(doctorNote());
    }

    @Test
    void answersTheQuestionAfterAReassuranceThatNamesADangerSign() {
        Answer answer = service(Triage.Level.NEGATED, "", "")
                .answer("ما عنده أي ضيق في التنفس ولا مشكلة في البلع ولا ارتخاء، بس متى تظهر نتيجة الإبرة؟");
        assertThat(answer.emergency()).isFalse();
        assertThat(answer.passages()).isNotEmpty();
        assertThat(answer.passages().get(0).text()).containsAnyOf("اليوم التالي", "خلال 24 ساعة");
        assertThat(answer.reply()).contains("تنبيه").endsWith(doctorNote());
    }

    @Test
    void saysPlainlyWhenNothingAnswersAndStillEndsWithTheDoctorNote() {
        Answer answer = service(Triage.Level.NONE, "", "").answer("ما هي عاصمة اليابان؟");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.NOT_COVERED);
        assertThat(answer.passages()).isEmpty();
        assertThat(answer.reply()).endsWith(doctorNote());
    }

    @Test
    void startsEveryReplyRightToLeft() {
        AnswerService service = service(Triage.Level.NONE, "", "");
        for (String text : List.of("hello", "thanks", "🙂", "botox", "٤٥")) {
            char first = service.answer(text).reply().charAt(0);
            assertThat(first == '\u200F' || Character.UnicodeBlock.of(first) == Character.UnicodeBlock.ARABIC)
                    .as(text).isTrue();
        }
    }
}
