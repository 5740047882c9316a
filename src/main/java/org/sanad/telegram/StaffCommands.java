package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanad.admin.ReindexService;
import org.sanad.admin.Roles;
import org.sanad.admin.UsageCounters;
import org.sanad.audit.AuditLog;
import org.sanad.broadcast.BroadcastService;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.index.PassageIndex;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * /broadcast for staff, /stats and /reindex for admins. Anyone else gets a polite refusal, nothing happens, and the
 * attempt is in the audit log.
 */
@Component
class StaffCommands {

    private final Roles roles;
    private final AuditLog audit;
    private final BroadcastService broadcasts;
    private final ReindexService reindex;
    private final AnswerMessages messages;
    private final TelegramTexts texts;

    StaffCommands(Roles roles, AuditLog audit, BroadcastService broadcasts, ReindexService reindex,
            AnswerMessages messages, TelegramTexts texts) {
        this.roles = roles;
        this.audit = audit;
        this.broadcasts = broadcasts;
        this.reindex = reindex;
        this.messages = messages;
        this.texts = texts;
    }

    /** A draft and its preview with "send" and "cancel"; nothing goes out before "send". */
    List<BotApiMethod<?>> broadcast(long chatId, long userId, String text) {
        if (!roles.isStaff(userId)) {
            audit.record(actor(userId), "broadcast.draft", "refused", "not staff");
            return reply(chatId, texts.get("refused.staff"));
        }
        if (text.isBlank()) {
            return reply(chatId, texts.get("broadcast.usage"));
        }
        if (text.length() > BroadcastService.MAX_TEXT_LENGTH) {
            return reply(chatId, texts.get("broadcast.too-long", String.valueOf(BroadcastService.MAX_TEXT_LENGTH),
                    String.valueOf(text.length())));
        }
        BroadcastService.Draft draft = broadcasts.draft(userId, chatId, text);
        InlineKeyboardMarkup choice = new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                AnswerMessages.button(texts.get("broadcast.send"), Callbacks.broadcastSend(draft.id())),
                AnswerMessages.button(texts.get("broadcast.cancel"), Callbacks.broadcastCancel(draft.id())))));
        String preview = texts.get("broadcast.preview", String.valueOf(draft.recipients())) + "\n\n" + text;
        return new ArrayList<>(messages.plain(chatId, preview, choice));
    }

    /** A tap on "send" or "cancel" under a preview. */
    List<BotApiMethod<?>> broadcastButton(long chatId, long userId, long draftId, boolean send) {
        if (!roles.isStaff(userId)) {
            audit.record(actor(userId), send ? "broadcast.send" : "broadcast.cancel", "refused", "not staff");
            return reply(chatId, texts.get("refused.staff"));
        }
        BroadcastService.Outcome outcome = send ? broadcasts.send(draftId, userId) : broadcasts.cancel(draftId, userId);
        String key = switch (outcome) {
            case STARTED -> "broadcast.started";
            case ALREADY_STARTED -> "broadcast.already-started";
            case CANCELLED -> send ? "broadcast.was-cancelled" : "broadcast.cancelled";
            case NOT_FOUND -> "broadcast.not-found";
            case NOT_YOURS -> "broadcast.not-yours";
        };
        return reply(chatId, texts.get(key));
    }

    List<BotApiMethod<?>> stats(long chatId, long userId) {
        if (!roles.isAdmin(userId)) {
            audit.record(actor(userId), "stats", "refused", "not an admin");
            return reply(chatId, texts.get("refused.admin"));
        }
        BroadcastService.Stats stats = broadcasts.stats();
        Map<UsageCounters.Counter, Long> counters = stats.counters();
        audit.record(actor(userId), "stats", "ok", "");
        return reply(chatId, texts.get("stats",
                String.valueOf(stats.activeSubscribers()), String.valueOf(stats.broadcasts()),
                String.valueOf(stats.delivered()), String.valueOf(stats.blocked()), String.valueOf(stats.failed()),
                count(counters, UsageCounters.Counter.QUESTIONS), count(counters, UsageCounters.Counter.ANSWERED),
                count(counters, UsageCounters.Counter.NOT_COVERED), count(counters, UsageCounters.Counter.EMERGENCIES),
                count(counters, UsageCounters.Counter.FEEDBACK_HELPFUL),
                count(counters, UsageCounters.Counter.FEEDBACK_NOT_HELPFUL)));
    }

    List<BotApiMethod<?>> reindex(long chatId, long userId) {
        if (!roles.isAdmin(userId)) {
            reindex.refused(actor(userId));
            return reply(chatId, texts.get("refused.admin"));
        }
        try {
            PassageIndex.Report report = reindex.reindex(actor(userId));
            StringBuilder summary = new StringBuilder(texts.get("reindex.done", String.valueOf(report.documents()),
                    String.valueOf(report.passages()), String.valueOf(report.warnings().size()),
                    String.format(java.util.Locale.ROOT, "%.1f", report.duration().toMillis() / 1000.0)));
            report.warnings().stream().limit(10).forEach(warning -> summary.append("\n• ").append(warning));
            if (report.warnings().size() > 10) {
                summary.append("\n").append(texts.get("reindex.more-warnings",
                        String.valueOf(report.warnings().size() - 10)));
            }
            return reply(chatId, summary.toString());
        } catch (KnowledgeUnavailableException e) {
            return reply(chatId, texts.get("reindex.failed", e.getMessage()));
        }
    }

    private List<BotApiMethod<?>> reply(long chatId, String text) {
        return new ArrayList<>(messages.plain(chatId, text, null));
    }

    private static String count(Map<UsageCounters.Counter, Long> counters, UsageCounters.Counter counter) {
        return String.valueOf(counters.getOrDefault(counter, 0L));
    }

    private static String actor(long userId) {
        return "telegram:" + userId;
    }
}
