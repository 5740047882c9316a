package org.sanad.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanad.audit.UsageCounters;
import org.sanad.eval.TestPipeline;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.safety.ProblemReports;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.SafetyProperties;

/**
 * Issue 13: the safety net (CHECK) for a new problem that is neither a known danger sign nor answered by the
 * documents; the urgent reply's passage names the danger; and urgent and crisis replies depend on nothing after
 * triage.
 */
class SafetyNetTest {

    private static final String EMERGENCY_PHONE = "997";
    private static final String BREATHING_REPORT = "ابني مش قادر يتنفس كويس من بعد الحقنة";
    private static final String SAFE_PASSAGE = "آمن وليس له أي مخاطر صحية";

    private static PassageSearch search;
    private static ReplyComposer replies;
    private static AnswerService service;

    @BeforeAll
    static void pipeline() throws Exception {
        PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, Files.createTempDirectory("net"));
        search = TestKnowledge.search(index);
        replies = new ReplyComposer(TestPipeline.messages(), new SafetyProperties(EMERGENCY_PHONE, ""));
        service = withSearch(search, replies, TestPipeline.uncounted());
    }

    private static AnswerService withSearch(PassageSearch search, ReplyComposer replies, UsageCounters usage) {
        return new AnswerService(TestKnowledge.reader(), search, new RedFlagDetector(), replies, usage,
                new ProblemReports());
    }

    private static String text(String key, Object... args) {
        return TestPipeline.messages().getMessage(key, args, Locale.forLanguageTag("ar"));
    }

    private static String plain(String reply) {
        return reply.replace("\u200F", "");
    }

    // ---- CHECK

    @Test
    void asksAboutTheDangerSignsWhenTheParentReportsANewProblemNothingRecognises() {
        Answer answer = service.answer("ابني صار تعبان ومش على بعضه من امبارح");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.CHECK);
        assertThat(answer.triage()).isEqualTo(Answer.Triage.CHECK);
        assertThat(answer.emergency()).isFalse();
        assertThat(plain(answer.reply())).startsWith(text("check.signs") + "\n" + text("check.call-number",
                EMERGENCY_PHONE));
        assertThat(answer.reply()).contains(text("check.ask")).endsWith(replies.doctorNote());
    }

    @Test
    void asksInEnglishArabiziAndEveryDialectToo() {
        for (String report : List.of("my son is not himself and very fussy since the shot",
                "binti sokhna w bte3ayat men embare7", "ولدي ولا عيان من نهار الحقنة", "بنتي عم تستفرغ من امبارح")) {
            assertThat(service.answer(report).kind()).as(report).isEqualTo(Answer.Kind.CHECK);
        }
    }

    @Test
    void catchesASignInWordsTheDetectorDoesNotKnowYet() {
        // the kinds of miss issue 13 lists: other words for signs the lexicon knows
        for (String report : List.of("ابني ما عاد يتحكم في البول", "ابني يرى كل شيء اثنين منذ الحقنة",
                "ابني ما يقدر يمسك بوله من امبارح", "بنتي صارت ضعيفة بكل جسمها ما تقدر توقف ولا تمسك شي",
                "ابني صدره ينسحب لجوه لما يتنفس", "my son is weak all over since the injection",
                "binti 3enha btshoof kol 7aga etnen")) {
            assertThat(service.answer(report).kind()).as(report).isIn(Answer.Kind.URGENT, Answer.Kind.CHECK);
        }
    }

    @Test
    void leavesAnsweredQuestionsAndDeniedSignsWithoutTheSafetyNet() {
        for (String question : List.of("متى يبدأ مفعول البوتوكس؟", "ابني عنده صغر راس، البوتكس بيفيده في ايه؟",
                "بنتي عندها بقع حمرا على جلدها بعد البوتكس، ده عادي؟", "ما عنده ضيق تنفس، بس امتى نعيد الحقنة؟")) {
            assertThat(service.answer(question).kind()).as(question).isNotEqualTo(Answer.Kind.CHECK);
        }
    }

    @Test
    void escalatesLikeAnUrgentReportWhenTheParentSaysTheChildHasASignNow() {
        Answer yes = service.confirmDangerSign();
        Answer report = service.answer("ابني مش قادر يبلع");
        assertThat(yes.kind()).isEqualTo(Answer.Kind.URGENT);
        assertThat(yes.emergency()).isTrue();
        assertThat(plain(yes.reply())).startsWith(replies.urgentAdvice());
        assertThat(plain(yes.reply()).substring(0, replies.urgentAdvice().length()))
                .isEqualTo(plain(report.reply()).substring(0, replies.urgentAdvice().length()));
        assertThat(yes.reply()).doesNotContain(SAFE_PASSAGE).endsWith(replies.doctorNote());
    }

    @Test
    void thanksTheParentWhoSaysNo() {
        Answer no = service.noDangerSign();
        assertThat(no.emergency()).isFalse();
        assertThat(no.triage()).isEqualTo(Answer.Triage.NONE);
        assertThat(plain(no.reply())).startsWith(text("check.declined")).endsWith(replies.doctorNote());
    }

    // ---- the danger passage

    @Test
    void quotesTheSideEffectsPassageUnderTheUrgentAdviceForABreathingReportNeverTheReassurance() {
        Answer answer = service.answer(BREATHING_REPORT);
        assertThat(answer.kind()).isEqualTo(Answer.Kind.URGENT);
        assertThat(plain(answer.reply())).startsWith(replies.urgentAdvice());
        assertThat(answer.passages()).hasSize(1);
        assertThat(answer.passages().get(0).text()).contains("جرعة زائدة").contains("صعوبة في البلع والتنفس");
        assertThat(answer.reply()).contains("جرعة زائدة").doesNotContain(SAFE_PASSAGE);
    }

    @Test
    void neverQuotesTheReassuranceUnderTheUrgentAdviceWhateverTheSign() {
        for (String report : List.of("ابني مش قادر يبلع من بعد الحقنة", "بنتي بتتنفس بصعوبة وصدرها بيسحب",
                "شفايف ابني زرقا", "ولدي ما يقدر يرفع راسه", "بنتي تشوف كل شي اثنين", "ابني جاته نوبة تشنج وبيرجف",
                "my son can't breathe after the botox", "wldi ma y9derch ybla3",
                "بنتي مغمى عليها")) {
            Answer answer = service.answer(report);
            assertThat(answer.emergency()).as(report).isTrue();
            assertThat(answer.reply()).as(report).doesNotContain(SAFE_PASSAGE);
        }
    }

    // ---- nothing after triage can cost the urgent advice

    @Test
    void givesTheUrgentAdviceAndTheDoctorNoteWhenSearchThrows() {
        PassageSearch broken = mock(PassageSearch.class);
        when(broken.search(any(), any(), anyList())).thenThrow(new IllegalStateException("index corrupt"));
        when(broken.search(any())).thenThrow(new IllegalStateException("index corrupt"));
        AnswerService failing = withSearch(broken, replies, TestPipeline.uncounted());

        Answer answer = failing.answer("ابني مش قادر يبلع");
        assertThat(answer.kind()).isEqualTo(Answer.Kind.URGENT);
        assertThat(plain(answer.reply())).startsWith(replies.urgentAdvice()).endsWith(replies.doctorNote());
        assertThat(failing.answer("انا تعبت ونفسي اموت وارتاح").kind()).isEqualTo(Answer.Kind.CRISIS);
        assertThat(plain(failing.confirmDangerSign().reply())).startsWith(replies.urgentAdvice());
    }

    @Test
    void givesTheUrgentAdviceAloneWhenThePassageCannotBeComposed() {
        ReplyComposer composer = spy(replies);
        doThrow(new IllegalArgumentException("bad passage")).when(composer)
                .urgent(argThat(passages -> passages != null && !passages.isEmpty()));
        Answer answer = withSearch(search, composer, TestPipeline.uncounted()).answer(BREATHING_REPORT);
        assertThat(answer.emergency()).isTrue();
        assertThat(answer.passages()).isEmpty();
        assertThat(plain(answer.reply())).isEqualTo(replies.urgentAdvice() + "\n\n" + replies.doctorNote());
    }

    @Test
    void answersWhenTheDatabaseCannotCount() {
        UsageCounters down = mock(UsageCounters.class);
        doThrow(new IllegalStateException("database down")).when(down)
                .question(anyString(), anyBoolean(), anyBoolean(), anyBoolean());
        doThrow(new IllegalStateException("database down")).when(down).count(any());
        AnswerService counting = withSearch(search, replies, down);
        assertThat(plain(counting.answer("ابني مش قادر يبلع").reply())).startsWith(replies.urgentAdvice());
        assertThat(counting.confirmDangerSign().emergency()).isTrue();
        assertThat(counting.answer("متى يبدأ مفعول البوتوكس؟").answered()).isTrue();
    }
}
