package org.sanad.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.RunningSanad;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.audit.UsageCounters.Counter;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/ask} over real HTTP, as the contracts describe it, and every kind of bad input. */
class AskApiTest extends RunningSanad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DOCTOR_NOTE = "استشر طبيبك";

    @Autowired
    UsageCounters counters;

    @Autowired
    ReplyComposer replies;

    private JsonNode ask(String text) {
        HttpResponse<String> response = postJson("/api/ask", JSON.writeValueAsString(java.util.Map.of("text", text)));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void answersWithTheBestPassagesItsSourceAndTheDoctorNote() {
        JsonNode answer = ask("كم يدوم مفعول البوتوكس؟");
        assertThat(answer.get("answered").asBoolean()).isTrue();
        assertThat(answer.get("emergency").asBoolean()).isFalse();
        JsonNode passages = answer.get("passages");
        assertThat(passages.size()).isBetween(1, 3);
        JsonNode best = passages.get(0);
        assertThat(best.get("id").asString()).isNotBlank();
        assertThat(best.get("title").asString()).isEqualTo("حقن البوتوكس للأطفال المصابين بصغر الرأس");
        assertThat(best.get("source").asString()).isEqualTo("knowledge/botox-for-children-with-microcephaly.md");
        assertThat(best.get("score").asDouble()).isPositive();
        String reply = answer.get("reply").asString();
        assertThat(reply).startsWith(best.get("text").asString()).endsWith("\n\n" + replies.doctorNote());
        assertThat(replies.doctorNote()).contains(DOCTOR_NOTE);
    }

    @Test
    void countsEveryQuestionForTheAdminsStatisticsLikeTelegramDoes() {
        java.util.Map<Counter, Long> before = counters.totals();

        ask("كم يدوم مفعول البوتوكس؟");
        ask("كيف أطبخ الملوخية؟");

        java.util.Map<Counter, Long> after = counters.totals();
        assertThat(after.get(Counter.QUESTIONS)).isEqualTo(before.get(Counter.QUESTIONS) + 2);
        assertThat(after.get(Counter.ANSWERED)).isEqualTo(before.get(Counter.ANSWERED) + 1);
        assertThat(after.get(Counter.NOT_COVERED)).isEqualTo(before.get(Counter.NOT_COVERED) + 1);
    }

    @Test
    void saysPlainlyWhenTheDocumentsDoNotCoverAQuestion() {
        JsonNode answer = ask("كيف أطبخ الملوخية؟");
        assertThat(answer.get("answered").asBoolean()).isFalse();
        assertThat(answer.get("passages").size()).isZero();
        assertThat(answer.get("reply").asString()).contains("لم أجد").contains(DOCTOR_NOTE);
    }

    @Test
    void greetsWithoutAPassage() {
        JsonNode answer = ask("السلام عليكم");
        assertThat(answer.get("answered").asBoolean()).isFalse();
        assertThat(answer.get("reply").asString()).contains("سند").contains(DOCTOR_NOTE);
    }

    @Test
    void startsEveryReplyRightToLeft() {
        for (String text : new String[] {"hello", "🙂", "botox", "متى يبدأ المفعول؟"}) {
            char first = ask(text).get("reply").asString().charAt(0);
            assertThat(first == '\u200F' || first >= '\u0600' && first <= '\u06FF').as(text).isTrue();
        }
    }

    static Stream<Arguments> badRequests() {
        String longText = "ب".repeat(4097);
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"text\": ", 400),
                Arguments.of("empty body", "application/json", "", 400),
                Arguments.of("a JSON array", "application/json", "[\"متى\"]", 400),
                Arguments.of("a bare JSON string", "application/json", "\"متى\"", 400),
                Arguments.of("no text field", "application/json", "{}", 400),
                Arguments.of("null text", "application/json", "{\"text\": null}", 400),
                Arguments.of("empty text", "application/json", "{\"text\": \"\"}", 400),
                Arguments.of("blank text", "application/json", "{\"text\": \" \\n\\t \"}", 400),
                Arguments.of("4097 characters", "application/json", "{\"text\": \"" + longText + "\"}", 400),
                Arguments.of("5000 characters", "application/json", "{\"text\": \"" + "a".repeat(5000) + "\"}", 400),
                Arguments.of("a 2 MB body", "application/json", "{\"text\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413),
                Arguments.of("plain text body", "text/plain", "متى يبدأ المفعول", 415),
                Arguments.of("a form", "application/x-www-form-urlencoded", "text=hi", 415),
                Arguments.of("no content type", null, "{\"text\": \"hi\"}", 415),
                Arguments.of("text that is an object", "application/json", "{\"text\": {\"a\": 1}}", 400));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("badRequests")
    void refusesBadRequestsWithAClearJsonError(String name, String contentType, String body, int status) {
        HttpResponse<String> response = post("/api/ask", contentType, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asString()).isNotBlank();
        assertThat(ask("متى يبدأ مفعول البوتوكس؟").get("answered").asBoolean()).isTrue();
    }

    static Stream<Arguments> oddButValidTexts() {
        return Stream.of(
                Arguments.of("Lucene syntax", "botox AND (x OR y) title:* \"unclosed ~2 \\\\ +-!^[]{}"),
                Arguments.of("a NUL character", "متى\u0000 يبدأ المفعول"),
                Arguments.of("bidi controls only", "\u202E\u200F\u2066"),
                Arguments.of("emoji only", "🙂🙂👍"),
                Arguments.of("exactly 4096 characters", "ك".repeat(4096)),
                Arguments.of("one 4000-letter word", "بوتوكس".repeat(666)),
                Arguments.of("HTML and script", "<script>alert(1)</script><b>بوتوكس</b>"),
                Arguments.of("SQL", "'; DROP TABLE subscriber; --"),
                Arguments.of("digits and symbols only", "٤٥٦ ##$%^&*"),
                Arguments.of("mixed scripts and surrogate pairs", "𝔟𝔬𝔱𝔬𝔵 بوتوكس 𠜎"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButValidTexts")
    void answersOddButValidTextsSanely(String name, String text) {
        JsonNode answer = ask(text);
        assertThat(answer.get("reply").asString()).contains(DOCTOR_NOTE);
    }

    @Test
    void refusesOtherMethodsAndMediaTypesWithJson() {
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask")).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).contains("error");
        HttpResponse<String> xml = postJson("/api/ask", "{\"text\": \"hi\"}", "Accept", "application/xml");
        assertThat(xml.statusCode()).isEqualTo(406);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> response = post("/api/ask", "application/json", body);
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void servesHealth() {
        HttpResponse<String> health = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
