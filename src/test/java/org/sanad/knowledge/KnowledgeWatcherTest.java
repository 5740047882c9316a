package org.sanad.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.index.PassageIndex;

class KnowledgeWatcherTest {

    @TempDir
    Path knowledge;

    @TempDir
    Path data;

    private PassageIndex index;

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void theWatcherReindexesOnceAChangeHasSettled() {
        KnowledgeFolder folder = KnowledgeFolder.at(knowledge).withClinicArticle();
        index = TestKnowledge.index(knowledge, data);
        KnowledgeWatcher watcher = new KnowledgeWatcher(index,
                new KnowledgeProperties(knowledge, data, null, java.time.Duration.ZERO));
        watcher.poll();
        assertThat(index.passageCount()).isEqualTo(9);

        folder.file("visit.md", "تستغرق جلسة الحقن في العيادة حوالي نصف ساعة.");
        assertThat(index.contentChanged()).isTrue();
        watcher.poll();
        assertThat(index.passageCount()).as("waits for a second look").isEqualTo(9);
        watcher.poll();
        assertThat(index.passageCount()).isEqualTo(10);
        assertThat(index.contentChanged()).isFalse();
    }

}
