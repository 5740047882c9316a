package org.sanad.ask;

import java.time.Clock;
import java.util.List;
import org.sanad.audit.UsageCounters;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.knowledge.search.SearchResult;
import org.sanad.safety.ProblemReports;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.Triage;
import org.sanad.text.MessageText;
import org.sanad.text.TextReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The one answering pipeline behind Telegram, the web chat and the HTTP API: the message is read once, red-flag
 * triage comes first, then the documents, then a reply that always ends with the doctor note. Channels only
 * translate.
 */
@Service
public class AnswerService {

    private static final Logger log = LoggerFactory.getLogger(AnswerService.class);

    private final TextReader reader;
    private final PassageSearch search;
    private final RedFlagDetector redFlags;
    private final ReplyComposer replies;
    private final UsageCounters usage;
    private final ProblemReports problems;
    private final List<DangerListener> dangerListeners;
    private final Clock clock = Clock.systemUTC();

    /** With the bundled problem-report words, without danger listeners: for tests and evaluations of the answers. */
    public AnswerService(TextReader reader, PassageSearch search, RedFlagDetector redFlags, ReplyComposer replies,
            UsageCounters usage) {
        this(reader, search, redFlags, replies, usage, new ProblemReports());
    }

    public AnswerService(TextReader reader, PassageSearch search, RedFlagDetector redFlags, ReplyComposer replies,
            UsageCounters usage, ProblemReports problems) {
        this(reader, search, redFlags, replies, usage, problems, List.of());
    }

    @Autowired
    public AnswerService(TextReader reader, PassageSearch search, RedFlagDetector redFlags, ReplyComposer replies,
            UsageCounters usage, ProblemReports problems, ObjectProvider<DangerListener> dangerListeners) {
        this(reader, search, redFlags, replies, usage, problems, dangerListeners.orderedStream().toList());
    }

    public AnswerService(TextReader reader, PassageSearch search, RedFlagDetector redFlags, ReplyComposer replies,
            UsageCounters usage, ProblemReports problems, List<DangerListener> dangerListeners) {
        this.reader = reader;
        this.search = search;
        this.redFlags = redFlags;
        this.replies = replies;
        this.usage = usage;
        this.problems = problems;
        this.dangerListeners = List.copyOf(dangerListeners);
    }

    /** A message from nowhere in particular (tools, evaluations); see {@link #answer(String, Origin)}. */
    public Answer answer(String message) {
        return answer(message, Origin.other());
    }

    /**
     * Counted here, so that /stats sees every channel's questions; an URGENT or CRISIS answer is reported to the
     * {@link DangerListener}s here, so that every channel's danger reaches the clinic the same way.
     */
    public Answer answer(String message, Origin origin) {
        MessageText text = reader.read(message);
        Triage triage = redFlags.assess(text);
        Answer answer = decide(text, triage);
        count(() -> usage.question(message, answer.answered(), answer.kind() == Answer.Kind.NOT_COVERED,
                answer.emergency()));
        if (answer.kind() == Answer.Kind.URGENT || answer.kind() == Answer.Kind.CRISIS) {
            // The triage that decided the answer: the message is read and assessed once.
            report(() -> new DangerReport(answer.kind(), triage.categories(), clock.instant(), origin,
                    DangerReport.Trigger.MESSAGE, message));
        }
        return answer;
    }

    /**
     * The parent answered a {@link Answer.Kind#CHECK} reply: the child has one of the danger signs now. The reply is
     * the urgent reply of a reported sign, from the same composer.
     */
    public Answer confirmDangerSign() {
        return confirmDangerSign(Origin.other());
    }

    /** {@link #confirmDangerSign()}, and the staff alerted as for any urgent report. */
    public Answer confirmDangerSign(Origin origin) {
        return urgentReport(origin, DangerReport.Trigger.CONFIRM_BUTTON);
    }

    /**
     * The parent said by a button that the child shows a danger sign (a check-in's «لاحظت علامة منها», a «نعم» after
     * Sanad asked): the urgent reply exactly as an urgent report gets it, counted as an emergency, and the same report
     * to the {@link DangerListener}s.
     */
    public Answer urgentReport(Origin origin, DangerReport.Trigger trigger) {
        count(() -> usage.count(UsageCounters.Counter.EMERGENCIES));
        log.info("triage level=URGENT rule={}", trigger == DangerReport.Trigger.CONFIRM_BUTTON ? "check-confirmed"
                : "button:" + trigger.name().toLowerCase(java.util.Locale.ROOT));
        Answer answer = urgent(reader.read(""), List.of());
        report(() -> new DangerReport(Answer.Kind.URGENT, List.of(), clock.instant(), origin, trigger, null));
        return answer;
    }

    /** A listener's failure (or the report's) is logged and never costs the parent their reply. */
    private void report(java.util.function.Supplier<DangerReport> making) {
        DangerReport report;
        try {
            report = making.get();
        } catch (RuntimeException e) {
            log.error("A danger report could not be made ({})", e.getClass().getName());
            return;
        }
        for (DangerListener listener : dangerListeners) {
            try {
                listener.reported(report);
            } catch (RuntimeException e) {
                log.error("A danger report could not be handed on ({}): {}", listener.getClass().getSimpleName(),
                        e.getClass().getName());
            }
        }
    }

    /** The parent answered a {@link Answer.Kind#CHECK} reply: none of the danger signs now. */
    public Answer noDangerSign() {
        return new Answer(Answer.Kind.SOCIAL, false, List.of(), List.of(), replies.checkDeclined());
    }

    /**
     * Triage alone, before any search: true when the message reports a danger sign or a caregiver in crisis. Channels
     * ask it when a message arrives, so that such a message is answered before other parents' slower work.
     */
    public boolean isEmergency(String message) {
        Triage triage = redFlags.assess(reader.read(message));
        return triage.urgent() || triage.level() == Triage.Level.CRISIS;
    }

    private Answer decide(MessageText text, Triage triage) {
        if (triage.level() != Triage.Level.NONE) {
            // The rule, never the text: clinicians audit decisions, parents' words stay private.
            log.info("triage level={} rule={} categories={}", triage.level(), triage.rule(), triage.categories());
        }
        if (triage.level() == Triage.Level.CRISIS) {
            // A parent writing of harming themselves or the child is a danger to life: flagged as an emergency
            // like a red flag, with the kind crisis reply, which opens with the urgent advice when the child
            // also shows a danger sign.
            return new Answer(Answer.Kind.CRISIS, true, List.of(), List.of(), replies.crisis(triage.reportsRedFlag()));
        }
        if (triage.urgent()) {
            return urgent(text, triage.categories());
        }
        PassageSearch.Focus focus = switch (triage.level()) {
            case NEGATED -> PassageSearch.Focus.AFTER_DENIAL;
            case MENTION -> PassageSearch.Focus.RISK;
            default -> PassageSearch.Focus.QUESTION;
        };
        SearchResult result = lookUp(text, focus, triage.categories());
        boolean unsure = triage.level() != Triage.Level.NEGATED && (result.verdict() == SearchResult.Verdict.NOT_COVERED
                || result.verdict() == SearchResult.Verdict.UNCLEAR);
        if (unsure && problems.reports(text)) {
            // The safety net: a new problem with the child that neither triage nor the documents recognise.
            log.info("triage level=CHECK rule=problem-report categories={}", triage.categories());
            return new Answer(Answer.Kind.CHECK, false, List.of(), Answer.Source.of(result.related()),
                    replies.check(result.verdict() == SearchResult.Verdict.UNCLEAR));
        }
        return switch (result.verdict()) {
            case ANSWERED -> new Answer(Answer.Kind.ANSWERED, false, Answer.Source.of(result.passages()), List.of(),
                    replies.answer(Answer.Source.of(result.passages().get(0)), triage.needsSafetyNote()));
            case NOT_COVERED -> new Answer(Answer.Kind.NOT_COVERED, false, List.of(),
                    Answer.Source.of(result.related()), replies.notCovered(triage.needsSafetyNote()));
            case UNCLEAR -> new Answer(Answer.Kind.UNCLEAR, false, List.of(), List.of(), replies.unclear());
            case GREETING, THANKS, GOODBYE, IDENTITY -> new Answer(Answer.Kind.SOCIAL, false, List.of(), List.of(),
                    replies.social(result.verdict()));
        };
    }

    /**
     * The urgent advice never waits on the documents: the passage that names the danger follows it when one can be
     * found and set, and when anything after triage fails the advice goes alone.
     */
    private Answer urgent(MessageText text, List<String> categories) {
        try {
            List<Answer.Source> danger = Answer.Source.of(
                    lookUp(text, PassageSearch.Focus.DANGER, categories).passages());
            return new Answer(Answer.Kind.URGENT, true, danger, List.of(), replies.urgent(danger));
        } catch (RuntimeException e) {
            log.error("The urgent reply's passage failed ({}); the urgent advice goes alone", e.getClass().getName());
            return new Answer(Answer.Kind.URGENT, true, List.of(), List.of(), replies.urgent(List.of()));
        }
    }

    /** The documents' answer; when they cannot be searched, "not covered", so that a reply still goes out. */
    private SearchResult lookUp(MessageText text, PassageSearch.Focus focus, List<String> categories) {
        try {
            return search.search(text, focus, categories);
        } catch (RuntimeException e) {
            // the type only: an exception's message may quote the parent's words
            log.error("The knowledge could not be searched ({})", e.getClass().getName());
            return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(),
                    SearchResult.Evidence.NONE);
        }
    }

    /** Statistics never cost a parent the answer. */
    private static void count(Runnable counting) {
        try {
            counting.run();
        } catch (RuntimeException e) {
            log.error("A question could not be counted ({})", e.getClass().getName());
        }
    }
}
