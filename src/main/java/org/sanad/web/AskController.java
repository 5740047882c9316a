package org.sanad.web;

import java.util.List;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.ask.Origin;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ask}: the HTTP face of the answering pipeline, exactly as in the contracts; and {@code POST
 * /api/check}, the parent's answer to a CHECK reply («does your child have one of these signs now?»).
 */
@RestController
class AskController {

    static final int MAX_TEXT = 4096;

    private final AnswerService answers;

    AskController(AnswerService answers) {
        this.answers = answers;
    }

    /**
     * The parent's message, as JSON read without coercion: {@code {"text": 42}} or {@code {"text": true}} is refused
     * rather than answered as the question "42".
     */
    record AskRequest(JsonNode text) {
    }

    /** One passage as the API shows it; {@code section} is the heading it sits under. */
    record PassageView(String id, String title, String section, String text, String source, double score) {

        static PassageView of(Answer.Source p) {
            return new PassageView(p.id(), p.title(), p.section(), p.text(), p.source(), p.score());
        }
    }

    /**
     * The answer; {@code triage} is URGENT, CRISIS, CHECK or NONE; {@code related} lists topics to suggest when
     * nothing answered.
     */
    record AskResponse(boolean emergency, boolean answered, List<PassageView> passages, String reply, String kind,
            List<PassageView> related, String triage) {

        static AskResponse of(Answer answer) {
            return new AskResponse(answer.emergency(), answer.answered(),
                    answer.passages().stream().map(PassageView::of).toList(), answer.reply(), answer.kind().name(),
                    answer.related().stream().map(PassageView::of).toList(), answer.triage().name());
        }
    }

    /** {@code {"answer": "yes"}}: the child has one of the danger signs now; {@code "no"}: none of them. */
    record CheckRequest(JsonNode answer) {
    }

    @PostMapping(path = "/api/ask", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    AskResponse ask(@RequestBody(required = false) AskRequest request) {
        if (request == null || request.text() == null || request.text().isNull()) {
            throw new BadRequestException("text is required: send {\"text\": \"your question\"}");
        }
        if (!request.text().isString()) {
            throw new BadRequestException("text must be a string: send {\"text\": \"your question\"}");
        }
        String text = request.text().asString();
        if (text.isBlank()) {
            throw new BadRequestException("text is required: send {\"text\": \"your question\"}");
        }
        if (text.length() > MAX_TEXT) {
            throw new BadRequestException("text is too long: at most " + MAX_TEXT + " characters");
        }
        return AskResponse.of(answers.answer(text, Origin.web()));
    }

    /** «Yes» gets exactly the urgent reply of a reported danger sign; «no» thanks the parent. */
    @PostMapping(path = "/api/check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    AskResponse check(@RequestBody(required = false) CheckRequest request) {
        String answer = request == null || request.answer() == null || !request.answer().isString() ? ""
                : request.answer().asString();
        return switch (answer) {
            case "yes" -> AskResponse.of(answers.confirmDangerSign(Origin.web()));
            case "no" -> AskResponse.of(answers.noDangerSign());
            default -> throw new BadRequestException("answer must be \"yes\" or \"no\": send {\"answer\": \"yes\"}");
        };
    }
}
