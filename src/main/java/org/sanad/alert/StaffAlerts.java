package org.sanad.alert;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sanad.ask.Answer;
import org.sanad.ask.DangerListener;
import org.sanad.ask.DangerReport;
import org.sanad.ask.Origin;
import org.sanad.audit.UsageCounters;
import org.sanad.checkin.CheckinProperties;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxKind;
import org.sanad.outbox.OutboxMessage;
import org.sanad.outbox.OutboxObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Every URGENT or CRISIS answer, from any channel or button, becomes one alert in the staff's Telegram group: the
 * kind, the signs, the time, where it came from (for a private Telegram chat, a link to the parent), and the parent's
 * words only when the clinic asked for them. It goes through the outbox at the highest priority: retried until
 * Telegram takes it, sent once even when the report is processed again after a crash.
 */
@Component
class StaffAlerts implements DangerListener, OutboxObserver {

    private static final Logger log = LoggerFactory.getLogger(StaffAlerts.class);
    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** The parent's words in an alert, at most. */
    private static final int MAX_TEXT = 1500;

    private final Outbox outbox;
    private final AlertProperties properties;
    private final CheckinProperties clinic;
    private final MessageSource messages;
    private final UsageCounters counters;

    StaffAlerts(Outbox outbox, AlertProperties properties, CheckinProperties clinic, MessageSource messages,
            UsageCounters counters) {
        this.outbox = outbox;
        this.properties = properties;
        this.clinic = clinic;
        this.messages = messages;
        this.counters = counters;
        if (properties.staffChatId() == null) {
            log.info("STAFF_CHAT_ID is not set: danger reports are answered but the clinic's staff get no alert");
        }
    }

    @Override
    public void reported(DangerReport report) {
        if (properties.staffChatId() == null) {
            return;
        }
        Outbox.Request alert = Outbox.Request.of(OutboxKind.ALERT, properties.staffChatId(),
                OutboxMessage.html(render(report)));
        if (report.origin().reference() != null) {
            alert = alert.key("alert:" + report.origin().reference());
        }
        if (report.origin().chatId() != null) {
            alert = alert.about(report.origin().chatId());
        }
        outbox.enqueue(alert);
        log.info("Danger alert for the staff: kind={} trigger={} categories={}", report.kind(), report.trigger(),
                report.categories());
    }

    @Override
    public void sent(OutboxKind kind, long chatId) {
        if (kind == OutboxKind.ALERT) {
            counters.count(UsageCounters.Counter.ALERTS_SENT);
        }
    }

    /** The alert as the staff read it, in Telegram HTML. */
    String render(DangerReport report) {
        StringBuilder alert = new StringBuilder("<b>").append(escape(text(report.kind() == Answer.Kind.CRISIS
                ? "alert.title.crisis" : "alert.title.urgent"))).append("</b>");
        line(alert, "alert.signs", report.categories().isEmpty() ? text("alert.signs.unnamed")
                : report.categories().stream().map(this::category).collect(Collectors.joining("، ")));
        line(alert, "alert.trigger", text("alert.trigger." + report.trigger().name().toLowerCase(Locale.ROOT)));
        line(alert, "alert.time", report.at().atZone(clinic.zone()).format(TIME) + " (" + clinic.zone().getId() + ")");
        Origin origin = report.origin();
        if (origin.channel() == Origin.Channel.TELEGRAM && origin.chatId() != null) {
            if (origin.privateChat() && origin.userId() != null && origin.userId() > 0) {
                alert.append('\n').append(escape(text("alert.chat"))).append(' ')
                        .append("<a href=\"tg://user?id=").append(origin.userId()).append("\">")
                        .append(escape(text("alert.chat.open"))).append("</a>")
                        .append(" (").append(origin.chatId()).append(')');
            } else {
                line(alert, "alert.chat", text("alert.chat.group", String.valueOf(origin.chatId())));
            }
        } else {
            line(alert, "alert.chat", text("alert.channel." + origin.channel().name().toLowerCase(Locale.ROOT)));
        }
        if (properties.includeText() && report.text() != null && !report.text().isBlank()) {
            String words = report.text().length() <= MAX_TEXT ? report.text() : report.text().substring(0, MAX_TEXT) + "…";
            alert.append("\n\n").append(escape(text("alert.text"))).append('\n').append("<blockquote>")
                    .append(escape(words)).append("</blockquote>");
        }
        alert.append("\n\n").append(escape(text("alert.footer")));
        return alert.toString();
    }

    private void line(StringBuilder alert, String label, String value) {
        alert.append('\n').append(escape(text(label))).append(' ').append(escape(value));
    }

    private String category(String category) {
        try {
            return messages.getMessage("alert.category." + category, null, ARABIC);
        } catch (NoSuchMessageException e) {
            return category;
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, ARABIC);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
