package org.sanad.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanad.ask.AnswerService;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.knowledge.search.SearchResult;
import org.sanad.safety.ProblemReports;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.SafetyProperties;
import org.sanad.text.TestText;
import org.sanad.text.TextReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/ask} and {@code POST /api/check} on the web layer alone, with the real answering pipeline
 * and a search that is set per test (the documents are not indexed here): the {@code triage} field, and the urgent
 * advice with HTTP 200 when search throws.
 */
@WebMvcTest(AskController.class)
@Import({AnswerService.class, ReplyComposer.class, RedFlagDetector.class, ProblemReports.class,
        AskSliceTest.Reader.class})
class AskSliceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SafetyProperties.class)
    static class Reader {
        @Bean
        TextReader textReader() {
            return TestText.reader();
        }
    }

    @Autowired
    MockMvcTester http;

    @Autowired
    ReplyComposer replies;

    @MockitoBean
    PassageSearch search;

    @MockitoBean
    UsageCounters counters;

    @BeforeEach
    void documentsAnswerNothing() {
        when(search.search(any(), any(), anyList())).thenReturn(SearchResult.of(SearchResult.Verdict.NOT_COVERED));
    }

    private JsonNode post(String path, String body) {
        MvcTestResult result = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        assertThat(result).hasStatusOk();
        return JSON.readTree(result.getResponse().getContentAsByteArray());
    }

    private JsonNode ask(String text) {
        return post("/api/ask", JSON.writeValueAsString(java.util.Map.of("text", text)));
    }

    private static String plain(JsonNode answer) {
        return answer.get("reply").asString().replace("\u200F", "");
    }

    @Test
    void saysUrgentForADangerSignAndEmergencyOnlyThen() {
        JsonNode urgent = ask("ابني مش قادر يبلع");
        assertThat(urgent.get("triage").asString()).isEqualTo("URGENT");
        assertThat(urgent.get("emergency").asBoolean()).isTrue();

        JsonNode check = ask("ابني صار تعبان ومش على بعضه من امبارح");
        assertThat(check.get("triage").asString()).isEqualTo("CHECK");
        assertThat(check.get("emergency").asBoolean()).isFalse();
        assertThat(check.get("answered").asBoolean()).isFalse();
        assertThat(check.get("reply").asString()).endsWith(replies.doctorNote());

        JsonNode none = ask("كيف أطبخ الملوخية؟");
        assertThat(none.get("triage").asString()).isEqualTo("NONE");
        assertThat(none.get("emergency").asBoolean()).isFalse();
    }

    @Test
    void saysCrisisForACaregiverInCrisisAsAnEmergency() {
        JsonNode crisis = ask("انا تعبت ونفسي اموت وارتاح");
        assertThat(crisis.get("triage").asString()).isEqualTo("CRISIS");
        assertThat(crisis.get("emergency").asBoolean()).isTrue();
    }

    @Test
    void givesTheUrgentAdviceWithHttp200WhenSearchAndTheCountersThrow() {
        when(search.search(any(), any(), anyList())).thenThrow(new IllegalStateException("segment checksum failed"));
        doThrow(new IllegalStateException("database down")).when(counters)
                .question(anyString(), anyBoolean(), anyBoolean(), anyBoolean());
        JsonNode answer = ask("ابني مش قادر يبلع");
        assertThat(answer.get("emergency").asBoolean()).isTrue();
        assertThat(answer.get("triage").asString()).isEqualTo("URGENT");
        assertThat(plain(answer)).startsWith(replies.urgentAdvice()).endsWith(replies.doctorNote());
    }

    @Test
    void escalatesWhenTheParentAnswersYesToTheSafetyNet() {
        JsonNode yes = post("/api/check", "{\"answer\": \"yes\"}");
        assertThat(yes.get("triage").asString()).isEqualTo("URGENT");
        assertThat(yes.get("emergency").asBoolean()).isTrue();
        assertThat(plain(yes)).startsWith(replies.urgentAdvice()).endsWith(replies.doctorNote());

        JsonNode no = post("/api/check", "{\"answer\": \"no\"}");
        assertThat(no.get("triage").asString()).isEqualTo("NONE");
        assertThat(no.get("emergency").asBoolean()).isFalse();
        assertThat(no.get("reply").asString()).endsWith(replies.doctorNote());
    }

    @Test
    void refusesAnAnswerToTheSafetyNetThatIsNeitherYesNorNo() throws Exception {
        for (String body : new String[] {"{\"answer\": \"maybe\"}", "{\"answer\": true}", "{}"}) {
            MvcTestResult result = http.post().uri("/api/check").contentType(MediaType.APPLICATION_JSON)
                    .content(body).exchange();
            assertThat(result).as(body).hasStatus(400);
            assertThat(result.getResponse().getContentAsString()).as(body).contains("\"error\"");
        }
    }
}
