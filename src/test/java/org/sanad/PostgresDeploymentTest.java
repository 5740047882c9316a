package org.sanad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditLog;
import org.sanad.broadcast.Subscribers;
import org.sanad.testing.DeployedOnPostgres;
import org.sanad.testing.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SPRING_DATASOURCE_URL naming PostgreSQL is all it takes: the schema is migrated there and everything stores there. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresDeploymentTest {

    private static final String DATABASE = TestDatabases.postgresUrl();

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) throws IOException {
        DeployedOnPostgres.register(registry, DATABASE);
        registry.add("sanad.staff.api-token", () -> "pg-test-token");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    Subscribers subscribers;
    @Autowired
    AuditLog audit;

    @Test
    void storesInPostgresqlWhenTheUrlNamesIt() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(subscribers.subscribe(42)).isTrue();
        assertThat(subscribers.isSubscribed(42)).isTrue();
    }

    @Test
    void aRefusedAdminRequestIsAuditedInPostgresql() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/reindex"))
                        .header("Authorization", "Bearer wrong")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(audit.recent(10)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("http");
            assertThat(entry.action()).isEqualTo("reindex");
            assertThat(entry.outcome()).isEqualTo("refused");
        });
    }
}
