package org.sanad.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditLog;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/** Every reindex leaves an audit entry: who asked, and how it went. */
class ReindexAuditTest {

    private static final Database DB = TestDatabases.h2();

    @AfterAll
    static void dropDatabase() {
        DB.drop();
    }

    private final PassageIndex index = mock(PassageIndex.class);
    private final AuditLog audit = new AuditLog(DB.jdbc());
    private final ReindexService reindex = new ReindexService(index, audit);

    @BeforeEach
    void cleanSlate() {
        DB.clean();
    }

    @Test
    void aSuccessfulReindexIsAuditedWithItsCounts() {
        when(index.rebuild()).thenReturn(new PassageIndex.Report(3, 42, List.of("old.doc: unknown extension"),
                Duration.ofMillis(120), false));

        reindex.reindex("telegram:201");

        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("telegram:201");
            assertThat(entry.action()).isEqualTo("reindex");
            assertThat(entry.outcome()).isEqualTo("ok");
            assertThat(entry.detail()).contains("3 documents", "42 passages", "1 warnings");
        });
    }

    @Test
    void aFailedReindexIsAuditedWithTheReason() {
        when(index.rebuild()).thenThrow(new KnowledgeUnavailableException("no passage in /knowledge"));

        assertThatThrownBy(() -> reindex.reindex("http")).isInstanceOf(KnowledgeUnavailableException.class);

        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("http");
            assertThat(entry.outcome()).isEqualTo("failed");
            assertThat(entry.detail()).contains("no passage");
        });
    }

    @Test
    void aRefusalIsAudited() {
        reindex.refused("telegram:777");

        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("telegram:777");
            assertThat(entry.outcome()).isEqualTo("refused");
        });
    }
}
