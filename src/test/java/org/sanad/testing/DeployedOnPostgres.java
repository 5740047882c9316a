package org.sanad.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings of Sanad as a clinic deploys it: the clinic's article, its own data folder, a PostgreSQL database. */
public final class DeployedOnPostgres {

    private DeployedOnPostgres() {
    }

    public static void register(DynamicPropertyRegistry registry, String databaseUrl) throws IOException {
        Path knowledge = Files.createTempDirectory("sanad-knowledge");
        Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                knowledge.resolve("botox-for-children-with-microcephaly.md"));
        Path data = Files.createTempDirectory("sanad-data");
        registry.add("sanad.knowledge.dir", knowledge::toString);
        registry.add("sanad.knowledge.index-dir", () -> data.resolve("index").toString());
        registry.add("spring.datasource.url", () -> databaseUrl);
        registry.add("spring.datasource.username", TestDatabases::postgresUser);
        registry.add("spring.datasource.password", TestDatabases::postgresPassword);
    }
}
