package org.sanad.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.audit.AuditLog;
import org.sanad.knowledge.KnowledgeProperties;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/** The knowledge folder watch reindexes once a change has settled, through the audited staff action. */
class KnowledgeWatchTest {

    private static final Database DB = TestDatabases.h2();

    @AfterAll
    static void dropDatabase() {
        DB.drop();
    }

    @TempDir
    Path knowledge;

    @TempDir
    Path data;

    private PassageIndex index;
    private final AuditLog audit = new AuditLog(DB.jdbc());

    @BeforeEach
    void clinicArticle() throws IOException {
        DB.clean();
        Files.copy(TestKnowledge.PROJECT_KNOWLEDGE.resolve("botox-for-children-with-microcephaly.md"),
                knowledge.resolve("botox-for-children-with-microcephaly.md"));
        index = TestKnowledge.index(knowledge, data);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private KnowledgeWatch watch(Duration interval) {
        return new KnowledgeWatch(index, new ReindexService(index, new StaffGate(audit)),
                new KnowledgeProperties(knowledge, data, null, interval));
    }

    @Test
    void reindexesOnceAChangeHasSettledAndAuditsItAsTheWatcher() throws IOException {
        KnowledgeWatch watch = watch(Duration.ZERO);
        watch.poll();
        assertThat(index.passageCount()).isEqualTo(9);

        Files.writeString(knowledge.resolve("visit.md"), "تستغرق جلسة الحقن في العيادة حوالي نصف ساعة.",
                StandardCharsets.UTF_8);
        assertThat(index.contentChanged()).isTrue();
        watch.poll();
        assertThat(index.passageCount()).as("waits for a second look").isEqualTo(9);
        watch.poll();

        assertThat(index.passageCount()).isEqualTo(10);
        assertThat(index.contentChanged()).isFalse();
        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("watcher");
            assertThat(entry.action()).isEqualTo("reindex");
            assertThat(entry.outcome()).isEqualTo("ok");
        });
    }

    @Test
    void aFolderThatCannotBeIndexedKeepsTheOldIndexAndIsAuditedAsFailed() throws IOException {
        KnowledgeWatch watch = watch(Duration.ZERO);
        Files.delete(knowledge.resolve("botox-for-children-with-microcephaly.md"));

        watch.poll();
        watch.poll();

        assertThat(index.passageCount()).isEqualTo(9);
        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("watcher");
            assertThat(entry.outcome()).isEqualTo("failed");
        });
    }

    @Test
    void anIntervalWrittenWithoutAUnitStopsTheStartUp() {
        assertThatThrownBy(() -> watch(Duration.ofMillis(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SANAD_KNOWLEDGE_WATCHINTERVAL");
    }
}
