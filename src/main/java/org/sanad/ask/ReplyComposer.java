package org.sanad.ask;

import java.util.List;
import java.util.Locale;
import org.sanad.knowledge.search.SearchResult;
import org.sanad.safety.SafetyProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes replies from the clinic-approved texts in {@code messages.properties}. Every reply ends with the doctor
 * note, and starts right-to-left so that Telegram lays it out as Arabic.
 */
@Component
public class ReplyComposer {

    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final char RIGHT_TO_LEFT_MARK = '\u200F';

    private final MessageSource messages;
    private final SafetyProperties safety;

    public ReplyComposer(MessageSource messages, SafetyProperties safety) {
        this.messages = messages;
        this.safety = safety;
    }

    public String doctorNote() {
        return text("reply.doctor-note");
    }

    String answer(Answer.Source passage, boolean safetyNote) {
        StringBuilder reply = new StringBuilder(passage.text())
                .append("\n\n").append(text("reply.source", passage.heading()));
        if (safetyNote) {
            reply.append("\n\n").append(text("safety.note"));
        }
        return finish(reply);
    }

    String notCovered(boolean safetyNote) {
        StringBuilder reply = new StringBuilder(text("reply.not-covered"));
        if (safetyNote) {
            reply.append("\n\n").append(text("safety.note"));
        }
        return finish(reply);
    }

    String unclear() {
        return finish(new StringBuilder(text("reply.unclear")));
    }

    String social(SearchResult.Verdict verdict) {
        String key = switch (verdict) {
            case THANKS -> "reply.thanks";
            case GOODBYE -> "reply.goodbye";
            case IDENTITY -> "reply.identity";
            default -> "reply.greeting";
        };
        return finish(new StringBuilder(text(key)));
    }

    String urgent(List<Answer.Source> passages) {
        StringBuilder reply = new StringBuilder(urgentAdvice());
        if (!passages.isEmpty()) {
            Answer.Source best = passages.get(0);
            reply.append("\n\n").append(best.text()).append("\n\n").append(text("reply.source", best.heading()));
        }
        return finish(reply);
    }

    /**
     * The safety net's reply: the danger signs and what to do if the child has one now, then what the documents
     * could say (nothing confident: "not covered", or "unclear"), then the doctor note.
     */
    String check(boolean unclear) {
        String call = safety.emergencyPhone().isBlank()
                ? text("check.call")
                : text("check.call-number", safety.emergencyPhone());
        StringBuilder reply = new StringBuilder(text("check.signs")).append('\n').append(call).append("\n\n")
                .append(text(unclear ? "reply.unclear" : "reply.not-covered")).append("\n\n")
                .append(text("check.ask"));
        return finish(reply);
    }

    /** A parent who answered «no» to the safety net's question. */
    String checkDeclined() {
        return finish(new StringBuilder(text("check.declined")));
    }

    /** The urgent-care advice alone, as the first lines of an escalated reply. */
    public String urgentAdvice() {
        String call = safety.emergencyPhone().isBlank()
                ? text("safety.urgent.call")
                : text("safety.urgent.call-number", safety.emergencyPhone());
        return call + "\n" + text("safety.urgent.care");
    }

    String crisis(boolean redFlagToo) {
        String help = safety.crisisPhone().isBlank()
                ? text("safety.crisis.help")
                : text("safety.crisis.help-number", safety.crisisPhone());
        StringBuilder reply = new StringBuilder(redFlagToo ? urgentAdvice() : crisisAdvice()).append("\n\n");
        return finish(reply.append(text("safety.crisis")).append("\n").append(help));
    }

    /** The first line of a crisis reply with no danger sign: act now if anyone is in danger. */
    public String crisisAdvice() {
        return safety.emergencyPhone().isBlank()
                ? text("safety.crisis.urgent")
                : text("safety.crisis.urgent-number", safety.emergencyPhone());
    }

    private String finish(StringBuilder reply) {
        reply.append("\n\n").append(doctorNote());
        char first = reply.charAt(0);
        if (!(first >= '\u0600' && first <= '\u06FF')) {
            reply.insert(0, RIGHT_TO_LEFT_MARK);
        }
        return reply.toString();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, ARABIC);
    }
}
