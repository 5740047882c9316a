package org.sanad.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditLog;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.testing.TestDatabases.Database;
import org.sanad.testing.TestDatabases;

/** Every reindex passes the staff gate: only admins, and an audit entry saying who asked and how it went. */
class ReindexAuditTest {

    private static final Database DB = TestDatabases.h2();
    private static final Actor ADMIN = new Actor("telegram:201", Role.ADMIN, 201);

    @AfterAll
    static void dropDatabase() {
        DB.drop();
    }

    private final PassageIndex index = mock(PassageIndex.class);
    private final AuditLog audit = new AuditLog(DB.jdbc());
    private final ReindexService reindex = new ReindexService(index, new StaffGate(audit));

    @BeforeEach
    void cleanSlate() {
        DB.clean();
    }

    @Test
    void aSuccessfulReindexIsAuditedWithItsCounts() {
        when(index.rebuild()).thenReturn(new PassageIndex.Report(3, 42, List.of("old.doc: unknown extension"),
                Duration.ofMillis(120), false));

        ReindexService.Report report = reindex.reindex(ADMIN);

        assertThat(report.passages()).isEqualTo(42);
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

        assertThatThrownBy(() -> reindex.reindex(new Actor("http", Role.ADMIN, 0)))
                .isInstanceOf(ReindexFailedException.class).hasMessageContaining("no passage");

        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("http");
            assertThat(entry.outcome()).isEqualTo("failed");
            assertThat(entry.detail()).contains("no passage");
        });
    }

    @Test
    void staffWhoAreNotAdminsAreRefusedAuditedAndNothingIsRebuilt() {
        assertThatThrownBy(() -> reindex.reindex(new Actor("telegram:777", Role.STAFF, 777)))
                .isInstanceOfSatisfying(NotPermittedException.class,
                        e -> assertThat(e.required()).isEqualTo(Role.ADMIN));

        verify(index, never()).rebuild();
        assertThat(audit.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("telegram:777");
            assertThat(entry.action()).isEqualTo("reindex");
            assertThat(entry.outcome()).isEqualTo("refused");
        });
    }
}
