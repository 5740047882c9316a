package org.sanad.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanad.audit.UsageCounters;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxKind;
import org.sanad.outbox.OutboxMessage;
import org.sanad.outbox.OutboxObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A chat's recorded injection and the check-ins it brings: one outbox row per point of {@code CHECKIN_SCHEDULE} and
 * one for {@code FOLLOWUP_REMINDER}, put in when the injection is recorded, waiting out the quiet hours, dropped if
 * more than a day late. Only the chat id, the injection's time and the schedule's state are kept.
 */
@Service
public class Injections implements OutboxObserver {

    private static final Logger log = LoggerFactory.getLogger(Injections.class);
    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    /** A check-in due longer ago than this when it could be sent is dropped: its question no longer fits. */
    static final Duration TOO_LATE = Duration.ofDays(1);
    /** A point of the schedule this close behind the recording («أمس» and a one-day check-in) is still sent. */
    private static final Duration JUST_PASSED = Duration.ofMinutes(5);
    /** How long Sanad takes a typed date as the answer to "when was the injection?". */
    private static final Duration QUESTION_OPEN = Duration.ofHours(1);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** What was recorded: the injection, and when each check-in and the reminder are due. */
    public record Plan(Instant injectedAt, List<Instant> checkins, Instant reminder) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final CheckinProperties properties;
    private final MessageSource messages;
    private final UsageCounters counters;
    private final Clock clock;

    @Autowired
    Injections(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, CheckinProperties properties,
            MessageSource messages, UsageCounters counters) {
        this(jdbc, transactions, outbox, properties, messages, counters, Clock.systemUTC());
    }

    public Injections(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, CheckinProperties properties,
            MessageSource messages, UsageCounters counters, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.properties = properties;
        this.messages = messages;
        this.counters = counters;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ recording

    /** The parent was asked when the injection was: a date they type next is the answer. */
    public void asked(long chatId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM injection_question WHERE chat_id = ?").param(chatId).update();
            jdbc.sql("INSERT INTO injection_question (chat_id, asked_at) VALUES (?, ?)")
                    .params(chatId, at(clock.instant())).update();
        });
    }

    /** «اليوم» (0), «أمس» (1), «قبل يومين» (2): now, or the same time of day that many days earlier. */
    public Plan recordDaysAgo(long chatId, int daysAgo) {
        if (daysAgo < 0 || daysAgo > 2) {
            throw new IllegalArgumentException("0, 1 or 2 days ago");
        }
        return record(chatId, clock.instant().minus(Duration.ofDays(daysAgo)));
    }

    /** The outcome of a typed text while Sanad waits for the injection's date. */
    public sealed interface Typed {
        /** Not a date: the text goes through the normal pipeline. */
        record NotADate() implements Typed {
        }

        record Recorded(Plan plan) implements Typed {
        }

        /** A date still to come: the parent is asked again. */
        record InTheFuture() implements Typed {
        }
    }

    /** A text from a chat: when Sanad asked for the injection's date and this is one, it is recorded. */
    public Typed typed(long chatId, String text) {
        Optional<LocalDate> date = parseDate(text, LocalDate.now(clock.withZone(properties.zone())));
        if (date.isEmpty() || !awaitingDate(chatId)) {
            return new Typed.NotADate();
        }
        Instant now = clock.instant();
        Instant injected = date.get().atTime(now.atZone(properties.zone()).toLocalTime())
                .atZone(properties.zone()).toInstant();
        if (injected.isAfter(now)) {
            return new Typed.InTheFuture();
        }
        return new Typed.Recorded(record(chatId, injected));
    }

    private boolean awaitingDate(long chatId) {
        return jdbc.sql("SELECT COUNT(*) FROM injection_question WHERE chat_id = ? AND asked_at > ?")
                .params(chatId, at(clock.instant().minus(QUESTION_OPEN))).query(Long.class).single() > 0;
    }

    /**
     * Records the chat's injection, replacing any earlier one and its schedule, and puts its check-ins and the
     * reminder in the outbox, all in one transaction.
     */
    public Plan record(long chatId, Instant injectedAt) {
        Instant now = clock.instant();
        List<Instant> checkins = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int n = 0; n < properties.schedule().size(); n++) {
            Instant due = injectedAt.plus(properties.schedule().get(n));
            if (!due.isBefore(now.minus(JUST_PASSED))) {
                checkins.add(due);
                numbers.add(n + 1);
            }
        }
        Instant reminder = injectedAt.plus(properties.followupReminder());
        String series = chatId + ":" + injectedAt.toEpochMilli();
        transactions.executeWithoutResult(status -> {
            outbox.cancel(chatId, OutboxKind.CHECKIN, OutboxKind.REMINDER);
            jdbc.sql("DELETE FROM injection WHERE chat_id = ?").param(chatId).update();
            jdbc.sql("DELETE FROM injection_question WHERE chat_id = ?").param(chatId).update();
            jdbc.sql("INSERT INTO injection (chat_id, injected_at, state, recorded_at) VALUES (?, ?, 'ACTIVE', ?)")
                    .params(chatId, at(injectedAt), at(now)).update();
            for (int i = 0; i < checkins.size(); i++) {
                Instant due = checkins.get(i);
                outbox.enqueue(Outbox.Request.of(OutboxKind.CHECKIN, chatId, checkinMessage(numbers.get(i)))
                        .notBefore(due).outsideQuietHours().expiresAt(due.plus(TOO_LATE))
                        .key("checkin:" + series + ":" + numbers.get(i)));
            }
            if (!reminder.isBefore(now.minus(JUST_PASSED))) {
                outbox.enqueue(Outbox.Request.of(OutboxKind.REMINDER, chatId,
                                OutboxMessage.text(text("checkin.reminder")))
                        .notBefore(reminder).outsideQuietHours().key("reminder:" + series));
            }
        });
        counters.count(UsageCounters.Counter.INJECTIONS);
        log.info("Injection recorded: {} check-ins and the reminder scheduled", checkins.size());
        return new Plan(injectedAt, List.copyOf(checkins), reminder);
    }

    private OutboxMessage checkinMessage(int number) {
        return OutboxMessage.text(text("checkin.message", String.valueOf(number),
                        String.valueOf(properties.schedule().size())))
                .withButtons(OutboxMessage.Button.callback(text("checkin.button.fine"), CheckinButtons.FINE))
                .withButtons(OutboxMessage.Button.callback(text("checkin.button.sign"), CheckinButtons.SIGN));
    }

    // ------------------------------------------------------------------ answers and stopping

    /** «كل شيء بخير»: counted; when the next check-in (or the reminder) is due, if any. */
    public Optional<Instant> fine(long chatId) {
        counters.count(UsageCounters.Counter.CHECKIN_FINE);
        return next(chatId);
    }

    /** «لاحظت علامة منها»: counted; the urgent advice and the alert are the pipeline's. */
    public void signNoticed(long chatId) {
        counters.count(UsageCounters.Counter.CHECKIN_SIGN);
    }

    public Optional<Instant> next(long chatId) {
        return outbox.nextDue(chatId, OutboxKind.CHECKIN, OutboxKind.REMINDER);
    }

    /** /stopcheckins: nothing more is sent for the injection. @return false when nothing was scheduled */
    public boolean stop(long chatId) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            int cancelled = outbox.cancel(chatId, OutboxKind.CHECKIN, OutboxKind.REMINDER);
            int stopped = jdbc.sql("UPDATE injection SET state = 'STOPPED' WHERE chat_id = ? AND state = 'ACTIVE'")
                    .param(chatId).update();
            return cancelled > 0 || stopped > 0;
        }));
    }

    /** /forget: the injection, the question and every row scheduled for it are deleted. */
    public void forget(long chatId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM injection WHERE chat_id = ?").param(chatId).update();
            jdbc.sql("DELETE FROM injection_question WHERE chat_id = ?").param(chatId).update();
            outbox.forget(chatId);
        });
    }

    @Override
    public void sent(OutboxKind kind, long chatId) {
        if (kind == OutboxKind.CHECKIN) {
            counters.count(UsageCounters.Counter.CHECKINS_SENT);
        }
    }

    /** A parent who blocked the bot gets no more check-ins. */
    @Override
    public void blocked(long chatId) {
        stop(chatId);
    }

    // ------------------------------------------------------------------ words

    /** A time as the parent reads it, in the clinic's zone. */
    public String when(Instant instant) {
        return instant.atZone(properties.zone()).format(WHEN);
    }

    public CheckinProperties properties() {
        return properties;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, ARABIC);
    }

    private static final Pattern ISO = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})(?:[-/.](\\d{2,4}))?");

    /**
     * A date typed alone: {@code 2026-12-05}, {@code 5/12/2026}, {@code 5/12} (this year), in Arabic-Indic digits too.
     * Anything more than a date is a question, not an answer.
     */
    static Optional<LocalDate> parseDate(String text, LocalDate today) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : text.strip().toCharArray()) {
            if (c >= '\u0660' && c <= '\u0669') {
                ascii.append((char) ('0' + c - '\u0660'));
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                ascii.append((char) ('0' + c - '\u06F0'));
            } else {
                ascii.append(c);
            }
        }
        String typed = ascii.toString();
        try {
            Matcher iso = ISO.matcher(typed);
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))));
            }
            Matcher dmy = DAY_MONTH_YEAR.matcher(typed);
            if (dmy.matches()) {
                int year = dmy.group(3) == null ? today.getYear() : Integer.parseInt(dmy.group(3));
                if (year < 100) {
                    year += 2000;
                }
                return Optional.of(LocalDate.of(year, Integer.parseInt(dmy.group(2)), Integer.parseInt(dmy.group(1))));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
