package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanad.audit.UsageCounters.Counter;
import org.sanad.broadcast.BroadcastStore;
import org.sanad.handoff.Handoff;
import org.springframework.beans.factory.annotation.Autowired;
import org.sanad.staff.Actor;
import org.sanad.staff.NotPermittedException;
import org.sanad.staff.ReindexFailedException;
import org.sanad.staff.ReindexService;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.sanad.staff.StaffAction;
import org.sanad.staff.StaffBroadcasts;
import org.sanad.staff.StatsService;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * /broadcast for staff, /stats and /reindex for admins, in Telegram's words. Whether the user may, and the audit
 * log, are the staff gate's: anyone else gets a polite refusal and nothing happens.
 */
@Component
class StaffCommands {

    private static final int WARNINGS_SHOWN = 10;

    private final Roles roles;
    private final StaffBroadcasts broadcasts;
    private final StatsService stats;
    private final ReindexService reindex;
    private final AnswerMessages messages;
    private final TelegramTexts texts;

    private final Handoff handoff;

    /** Without conversations with the clinic: for tests of the commands' words. */
    StaffCommands(Roles roles, StaffBroadcasts broadcasts, StatsService stats, ReindexService reindex,
            AnswerMessages messages, TelegramTexts texts) {
        this(roles, broadcasts, stats, reindex, messages, texts, null);
    }

    @Autowired
    StaffCommands(Roles roles, StaffBroadcasts broadcasts, StatsService stats, ReindexService reindex,
            AnswerMessages messages, TelegramTexts texts, Handoff handoff) {
        this.handoff = handoff;
        this.roles = roles;
        this.broadcasts = broadcasts;
        this.stats = stats;
        this.reindex = reindex;
        this.messages = messages;
        this.texts = texts;
    }

    /** Each command is shown to the role its staff action needs. */
    List<Command> commands() {
        return List.of(command("broadcast", StaffAction.BROADCAST_DRAFT, this::broadcast),
                command("stats", StaffAction.STATS, this::stats),
                command("reindex", StaffAction.REINDEX, this::reindex));
    }

    private Command command(String name, StaffAction action, Command.Handler handler) {
        return new Command(name, texts.get("command." + name), action.role(), handler);
    }

    /** A draft and its preview with "send" and "cancel"; nothing goes out before "send". */
    private List<BotApiMethod<?>> broadcast(Command.Call call) {
        long chatId = call.chatId();
        String text = call.args();
        return permitted(chatId, () -> {
            StaffBroadcasts.Drafted draft = broadcasts.draft(roles.telegramUser(call.userId()), chatId, text);
            switch (draft.status()) {
                case EMPTY -> {
                    return reply(chatId, texts.get("broadcast.usage"));
                }
                case TOO_LONG -> {
                    return reply(chatId, texts.get("broadcast.too-long",
                            String.valueOf(StaffBroadcasts.MAX_TEXT_LENGTH), String.valueOf(text.length())));
                }
                default -> {
                }
            }
            InlineKeyboardMarkup choice = new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                    AnswerMessages.button(texts.get("broadcast.send"), Callbacks.broadcastSend(draft.id())),
                    AnswerMessages.button(texts.get("broadcast.cancel"), Callbacks.broadcastCancel(draft.id())))));
            String preview = texts.get("broadcast.preview", String.valueOf(draft.recipients())) + "\n\n" + text;
            return new ArrayList<>(messages.plain(chatId, preview, choice));
        });
    }

    /** A tap on "send" or "cancel" under a preview. */
    List<BotApiMethod<?>> broadcastButton(long chatId, long userId, long draftId, boolean send) {
        return permitted(chatId, () -> {
            Actor actor = roles.telegramUser(userId);
            BroadcastStore.Outcome outcome = send ? broadcasts.send(actor, draftId) : broadcasts.cancel(actor, draftId);
            String key = switch (outcome) {
                case STARTED -> "broadcast.started";
                case ALREADY_STARTED -> "broadcast.already-started";
                case CANCELLED -> send ? "broadcast.was-cancelled" : "broadcast.cancelled";
                case NOT_FOUND -> "broadcast.not-found";
                case NOT_YOURS -> "broadcast.not-yours";
            };
            return reply(chatId, texts.get(key));
        });
    }

    /** «أعد الإرسال لهم» under a report: the parents in doubt get the broadcast again. */
    List<BotApiMethod<?>> resendButton(long chatId, long userId, long broadcastId) {
        return permitted(chatId, () -> {
            BroadcastStore.Resend resend = broadcasts.resendInDoubt(roles.telegramUser(userId), broadcastId);
            return switch (resend.outcome()) {
                case NOT_FOUND -> reply(chatId, texts.get("broadcast.not-found"));
                case NOT_YOURS -> reply(chatId, texts.get("broadcast.not-yours"));
                default -> reply(chatId, resend.messages() == 0 ? texts.get("broadcast.resend-none")
                        : texts.get("broadcast.resent", String.valueOf(resend.messages())));
            };
        });
    }

    private List<BotApiMethod<?>> stats(Command.Call call) {
        long chatId = call.chatId();
        return permitted(chatId, () -> {
            StatsService.Stats now = stats.stats(roles.telegramUser(call.userId()));
            Map<Counter, Long> usage = now.usage();
            return reply(chatId, texts.get("stats",
                    String.valueOf(now.broadcasts().activeSubscribers()), String.valueOf(now.broadcasts().broadcasts()),
                    String.valueOf(now.broadcasts().delivered()), String.valueOf(now.broadcasts().blocked()),
                    String.valueOf(now.broadcasts().failed()),
                    count(usage, Counter.QUESTIONS), count(usage, Counter.ANSWERED),
                    count(usage, Counter.NOT_COVERED), count(usage, Counter.EMERGENCIES),
                    count(usage, Counter.FEEDBACK_HELPFUL), count(usage, Counter.FEEDBACK_NOT_HELPFUL))
                    + texts.get("stats.checkins", count(usage, Counter.INJECTIONS), count(usage, Counter.CHECKINS_SENT),
                    count(usage, Counter.CHECKIN_FINE), count(usage, Counter.CHECKIN_SIGN),
                    count(usage, Counter.ALERTS_SENT))
                    + conversations());
        });
    }

    /** Conversations with the clinic opened and closed, and how long parents waited for a first staff reply. */
    private String conversations() {
        if (handoff == null) {
            return "";
        }
        Handoff.Stats numbers = handoff.stats();
        String median = numbers.medianFirstReply() == null ? texts.get("handoff.stats.no-reply")
                : duration(numbers.medianFirstReply());
        return texts.get("handoff.stats", String.valueOf(numbers.opened()), String.valueOf(numbers.closed()), median);
    }

    private static String duration(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? (seconds / 60) + " min"
                : String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    private List<BotApiMethod<?>> reindex(Command.Call call) {
        long chatId = call.chatId();
        return permitted(chatId, () -> {
            try {
                ReindexService.Report report = reindex.reindex(roles.telegramUser(call.userId()));
                StringBuilder summary = new StringBuilder(texts.get("reindex.done", String.valueOf(report.documents()),
                        String.valueOf(report.passages()), String.valueOf(report.warnings().size()),
                        String.format(java.util.Locale.ROOT, "%.1f", report.duration().toMillis() / 1000.0)));
                report.warnings().stream().limit(WARNINGS_SHOWN)
                        .forEach(warning -> summary.append("\n• ").append(warning));
                if (report.warnings().size() > WARNINGS_SHOWN) {
                    summary.append("\n").append(texts.get("reindex.more-warnings",
                            String.valueOf(report.warnings().size() - WARNINGS_SHOWN)));
                }
                return reply(chatId, summary.toString());
            } catch (ReindexFailedException e) {
                return reply(chatId, texts.get("reindex.failed", e.getMessage()));
            }
        });
    }

    /** The staff gate said no: a refusal that says who may. */
    private List<BotApiMethod<?>> permitted(long chatId, java.util.function.Supplier<List<BotApiMethod<?>>> action) {
        try {
            return action.get();
        } catch (NotPermittedException e) {
            return reply(chatId, texts.get(e.required() == Role.ADMIN ? "refused.admin" : "refused.staff"));
        }
    }

    private List<BotApiMethod<?>> reply(long chatId, String text) {
        return new ArrayList<>(messages.plain(chatId, text, null));
    }

    private static String count(Map<Counter, Long> counters, Counter counter) {
        return String.valueOf(counters.getOrDefault(counter, 0L));
    }
}
