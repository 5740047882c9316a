package org.sanad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, with its own copy of the knowledge folder and data directory, for the
 * few end-to-end tests of the HTTP API. Tests that extend it share one running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningSanad {

    public static final String ADMIN_TOKEN = "test-admin-token-4f1c";
    protected static final Path KNOWLEDGE = temp("sanad-knowledge");
    protected static final Path DATA = temp("sanad-data");

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        try {
            Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                    KNOWLEDGE.resolve("botox-for-children-with-microcephaly.md"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        registry.add("sanad.knowledge.dir", KNOWLEDGE::toString);
        registry.add("sanad.knowledge.index-dir", () -> DATA.resolve("index").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sanad-api-test;DB_CLOSE_DELAY=-1");
        registry.add("sanad.staff.api-token", () -> ADMIN_TOKEN);
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
