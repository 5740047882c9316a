package org.sanad.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.any;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.sanad.ask.Answer;
import org.sanad.ask.DangerReport;
import org.sanad.ask.Origin;
import org.sanad.audit.UsageCounters;
import org.sanad.checkin.CheckinProperties;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxKind;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What the staff read when a parent reports danger, and what they never read unless the clinic asked. */
class StaffAlertsTest {

    private static final long STAFF_CHAT = -100_42;
    private static final Instant AT = Instant.parse("2026-12-07T18:05:00Z");
    private static final String WORDS = "ابني ما يقدر يبلع <من امبارح>";

    private final Outbox outbox = mock(Outbox.class);

    private StaffAlerts alerts(Long staffChat, boolean includeText) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new StaffAlerts(outbox, new AlertProperties(staffChat, includeText),
                new CheckinProperties(List.of(Duration.ofDays(1)), Duration.ofDays(90), "", "Asia/Riyadh"), messages,
                mock(UsageCounters.class));
    }

    private static DangerReport fromTelegram(String words) {
        return new DangerReport(Answer.Kind.URGENT, List.of("swallowing", "breathing"), AT,
                Origin.telegram(5551, 5551, true, "tg-update:77"), DangerReport.Trigger.MESSAGE, words);
    }

    @Test
    void anUrgentTelegramReportNamesTheSignsTheTimeAndLinksThePrivateChatButNotTheWords() {
        String alert = alerts(STAFF_CHAT, false).render(fromTelegram(WORDS));

        assertThat(alert).contains("علامة خطر بعد الحقن").contains("صعوبة البلع، صعوبة التنفس")
                .contains("2026-12-07 21:05 (Asia/Riyadh)").contains("<a href=\"tg://user?id=5551\">")
                .contains("رسالة كتبها الأهل").doesNotContain("يبلع").doesNotContain("امبارح");
    }

    @Test
    void theParentsWordsAreIncludedEscapedOnlyWhenTheClinicAskedForThem() {
        String alert = alerts(STAFF_CHAT, true).render(fromTelegram(WORDS));

        assertThat(alert).contains("<blockquote>ابني ما يقدر يبلع &lt;من امبارح&gt;</blockquote>");
    }

    @Test
    void aCheckInButtonFromTheWebOrAGroupSaysSoWithoutALinkToAPerson() {
        StaffAlerts alerts = alerts(STAFF_CHAT, true);
        String button = alerts.render(new DangerReport(Answer.Kind.URGENT, List.of(), AT,
                Origin.telegram(5552, 5552, true, "tg-callback:1"), DangerReport.Trigger.CHECKIN_BUTTON, null));
        String web = alerts.render(new DangerReport(Answer.Kind.CRISIS, List.of(), AT, Origin.web(),
                DangerReport.Trigger.MESSAGE, WORDS));
        String group = alerts.render(new DangerReport(Answer.Kind.URGENT, List.of("seizure"), AT,
                Origin.telegram(-300, 5553, false, null), DangerReport.Trigger.MESSAGE, null));

        assertThat(button).contains("«لاحظت علامة منها»").contains("أبلغ الأهل بعلامة");
        assertThat(web).contains("مقدّم رعاية في أزمة").contains("المحادثة على الموقع").doesNotContain("tg://");
        assertThat(group).contains("مجموعة في تيليغرام رقم -300").doesNotContain("tg://");
    }

    @Test
    void oneAlertPerReportKeyedSoThatAReportProcessedAgainAlertsOnce() {
        alerts(STAFF_CHAT, false).reported(fromTelegram(WORDS));

        ArgumentCaptor<Outbox.Request> request = ArgumentCaptor.forClass(Outbox.Request.class);
        verify(outbox).enqueue(request.capture());
        assertThat(request.getValue().kind()).isEqualTo(OutboxKind.ALERT);
        assertThat(request.getValue().priority()).isEqualTo(OutboxKind.Priority.ALERT);
        assertThat(request.getValue().chatId()).isEqualTo(STAFF_CHAT);
        assertThat(request.getValue().idempotencyKey()).isEqualTo("alert:tg-update:77");
        assertThat(request.getValue().aboutChat()).isEqualTo(5551L);
        assertThat(request.getValue().message().html()).isTrue();
    }

    @Test
    void withoutAStaffChatNothingIsEnqueued() {
        alerts(null, false).reported(fromTelegram(WORDS));

        verify(outbox, never()).enqueue(any(Outbox.Request.class));
    }
}
