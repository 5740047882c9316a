package org.sanad.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanad.RunningSanad;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/admin/reindex}: who may call it, what it reports, and that parents never notice it. */
class AdminApiTest extends RunningSanad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VISIT_QUESTION = "كم تستغرق جلسة الحقن في العيادة؟";

    @AfterEach
    void restoreTheKnowledgeFolder() throws IOException {
        try (var files = Files.list(KNOWLEDGE)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                KNOWLEDGE.resolve("botox-for-children-with-microcephaly.md"), StandardCopyOption.REPLACE_EXISTING);
        reindex("Bearer " + ADMIN_TOKEN);
    }

    private HttpResponse<String> reindex(String authorization) {
        return authorization == null ? postJson("/api/admin/reindex", "")
                : postJson("/api/admin/reindex", "", "Authorization", authorization);
    }

    private boolean answered(String question) {
        HttpResponse<String> response = postJson("/api/ask", JSON.writeValueAsString(java.util.Map.of("text", question)));
        return JSON.readTree(response.body()).get("answered").asBoolean();
    }

    @Test
    void refusesAMissingOrWrongToken() {
        assertThat(reindex(null).statusCode()).isEqualTo(401);
        assertThat(reindex("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(reindex("Bearer " + ADMIN_TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(reindex(ADMIN_TOKEN).statusCode()).isEqualTo(401);
        assertThat(reindex("Basic " + ADMIN_TOKEN).statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(reindex(null).body()).get("error").asString()).isNotBlank();
    }

    @Test
    void servesANewDocumentRightAfterTheReindex() throws IOException {
        assertThat(answered(VISIT_QUESTION)).isFalse();
        Files.writeString(KNOWLEDGE.resolve("visit.md"),
                "## يوم الحقن\n\nتستغرق جلسة الحقن في العيادة حوالي نصف ساعة، ويعود الطفل إلى البيت في اليوم نفسه.\n",
                StandardCharsets.UTF_8);

        HttpResponse<String> response = reindex("Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("documents").asInt()).isEqualTo(2);
        assertThat(report.get("passages").asInt()).isEqualTo(10);
        assertThat(report.get("warnings").isArray()).isTrue();
        assertThat(answered(VISIT_QUESTION)).isTrue();
    }

    @Test
    void namesAFileThatIsNotUtf8WhileTheRestKeepsServing() throws IOException {
        Files.write(KNOWLEDGE.resolve("old-leaflet.txt"), new byte[] {(byte) 0xE3, (byte) 0xD1, (byte) 0xCD, (byte) 0xC8, (byte) 0xC7});

        HttpResponse<String> response = reindex("Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("old-leaflet.txt");
        assertThat(JSON.readTree(response.body()).get("passages").asInt()).isEqualTo(9);
        assertThat(answered("متى يبدأ مفعول البوتوكس؟")).isTrue();
    }

    @Test
    void keepsTheOldIndexServingWhenTheFolderCannotBeIndexed() throws IOException {
        Files.delete(KNOWLEDGE.resolve("botox-for-children-with-microcephaly.md"));

        HttpResponse<String> response = reindex("Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("error").asString()).contains("previous index keeps serving");
        assertThat(answered("متى يبدأ مفعول البوتوكس؟")).isTrue();
    }

    @Test
    void answersEveryQuestionAskedDuringReindexes() throws Exception {
        AtomicBoolean reindexing = new AtomicBoolean(true);
        ExecutorService askers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(askers.submit(() -> {
                    int asked = 0;
                    while (reindexing.get()) {
                        HttpResponse<String> r = postJson("/api/ask", "{\"text\": \"هل البوتوكس آمن؟\"}");
                        assertThat(r.statusCode()).isEqualTo(200);
                        assertThat(JSON.readTree(r.body()).get("answered").asBoolean()).isTrue();
                        asked++;
                    }
                    return asked;
                }));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(reindex("Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
            }
            reindexing.set(false);
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            askers.shutdownNow();
        }
    }
}
