package org.sanad.ask;

import java.util.List;
import org.sanad.audit.UsageCounters;
import org.sanad.knowledge.KnowledgeUnavailableException;
import org.sanad.knowledge.PassageSearch;
import org.sanad.knowledge.SearchResult;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.Triage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one answering pipeline behind Telegram, the web chat and the HTTP API: red-flag triage first, then the
 * documents, then a reply that always ends with the doctor note. Channels only translate.
 */
@Service
public class AnswerService {

    private static final Logger log = LoggerFactory.getLogger(AnswerService.class);

    private final PassageSearch search;
    private final RedFlagDetector redFlags;
    private final ReplyComposer replies;
    private final UsageCounters usage;

    public AnswerService(PassageSearch search, RedFlagDetector redFlags, ReplyComposer replies, UsageCounters usage) {
        this.search = search;
        this.redFlags = redFlags;
        this.replies = replies;
        this.usage = usage;
    }

    /** Counted here, so that /stats sees every channel's questions. */
    public Answer answer(String message) {
        Answer answer = decide(message);
        usage.question(message, answer.answered(), answer.kind() == Answer.Kind.NOT_COVERED, answer.emergency());
        return answer;
    }

    private Answer decide(String message) {
        Triage triage = redFlags.assess(message);
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
        SearchResult result = null;
        if (triage.level() == Triage.Level.NEGATED) {
            // «بيتنفس كويس بس متى تظهر النتيجة؟»: the reassurance is not the question, and its danger-sign words
            // would pull toward the risk passages.
            SearchResult question = lookUpFinalClause(message);
            result = question.answered() ? question : null;
        }
        if (result == null) {
            result = lookUp(message);
        }
        if (!result.answered() && triage.level() == Triage.Level.MENTION && result.evidence().anchor()) {
            // «هل يسبب البوتوكس صعوبة في البلع؟» asks about a risk of the treatment: the risk passages answer it.
            // Without the subject's own words («ضيق تنفس وخفقان») it is someone else's health question.
            SearchResult risk = lookUp(message + "\n" + replies.riskTopic());
            if (risk.answered()) {
                result = risk;
            }
        }
        if (triage.urgent()) {
            return new Answer(Answer.Kind.URGENT, true, Answer.Source.of(result.passages()), List.of(),
                    replies.urgent(result.passages()));
        }
        return switch (result.verdict()) {
            case ANSWERED -> new Answer(Answer.Kind.ANSWERED, false, Answer.Source.of(result.passages()), List.of(),
                    replies.answer(result.passages().get(0).passage(), triage.needsSafetyNote()));
            case NOT_COVERED -> new Answer(Answer.Kind.NOT_COVERED, false, List.of(), Answer.Source.of(result.related()),
                    replies.notCovered(triage.needsSafetyNote()));
            case UNCLEAR -> new Answer(Answer.Kind.UNCLEAR, false, List.of(), List.of(), replies.unclear());
            case GREETING, THANKS, GOODBYE, IDENTITY -> new Answer(Answer.Kind.SOCIAL, false, List.of(), List.of(),
                    replies.social(result.verdict()));
        };
    }

    private SearchResult lookUpFinalClause(String message) {
        try {
            return search.searchFinalClause(message);
        } catch (KnowledgeUnavailableException e) {
            return lookUp(message);
        }
    }

    private SearchResult lookUp(String message) {
        try {
            return search.search(message);
        } catch (KnowledgeUnavailableException e) {
            log.warn("No knowledge index to answer from: {}", e.getMessage());
            return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(),
                    new SearchResult.Evidence(0, 0, 0, 0, false, 0, 0, 0));
        }
    }
}
