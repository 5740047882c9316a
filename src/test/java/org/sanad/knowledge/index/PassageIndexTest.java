package org.sanad.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.KnowledgeFolder;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.search.PassageSearch;

class PassageIndexTest {

    @TempDir
    Path knowledge;

    @TempDir
    Path data;

    private final List<PassageIndex> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PassageIndex::close);
    }

    private PassageIndex open() {
        PassageIndex index = TestKnowledge.index(knowledge, data);
        opened.add(index);
        return index;
    }

    @Test
    void reusesTheIndexOnDiskWhenNothingChanged() {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        open().close();
        PassageIndex again = new PassageIndex(data, knowledge);
        opened.add(again);
        assertThat(again.open().reused()).isTrue();
    }

    @Test
    void rebuildsAtStartWhenTheContentChanged() {
        KnowledgeFolder folder = KnowledgeFolder.at(knowledge).withClinicArticle();
        open().close();
        folder.file("new.md", "## موعد الجلسة\n\nتستغرق جلسة الحقن حوالي نصف ساعة في العيادة.");
        PassageIndex again = new PassageIndex(data, knowledge);
        opened.add(again);
        PassageIndex.Report report = again.open();
        assertThat(report.reused()).isFalse();
        assertThat(report.passages()).isEqualTo(10);
    }

    @Test
    void servesANewDocumentRightAfterAReindex() {
        KnowledgeFolder folder = KnowledgeFolder.at(knowledge).withClinicArticle();
        PassageIndex index = open();
        PassageSearch search = TestKnowledge.search(index);
        String question = "كم تستغرق جلسة الحقن في العيادة؟";
        assertThat(TestKnowledge.ask(search, question).answered()).isFalse();

        folder.file("visit.md", "## يوم الحقن\n\nتستغرق جلسة الحقن في العيادة حوالي نصف ساعة، ويعود الطفل إلى البيت في اليوم نفسه.");
        PassageIndex.Report report = index.rebuild();

        assertThat(report.documents()).isEqualTo(2);
        assertThat(TestKnowledge.ask(search, question).passages()).first()
                .satisfies(p -> assertThat(p.passage().source()).isEqualTo("knowledge/visit.md"));
    }

    @Test
    void keepsServingTheOldIndexWhenARebuildFails() throws IOException {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        PassageIndex index = open();
        PassageSearch search = TestKnowledge.search(index);
        try (Stream<Path> files = Files.list(knowledge)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        KnowledgeFolder.at(knowledge).bytes("broken.txt", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00});

        assertThatThrownBy(index::rebuild).isInstanceOf(KnowledgeUnavailableException.class)
                .hasMessageContaining("broken.txt");
        assertThat(TestKnowledge.ask(search, "متى يبدأ مفعول البوتوكس؟").answered()).isTrue();
    }

    @Test
    void answersEveryQuestionWhileReindexesSwapTheIndexUnderThem() throws Exception {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        PassageIndex index = open();
        PassageSearch search = TestKnowledge.search(index);
        AtomicBoolean reindexing = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> askers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                askers.add(pool.submit(() -> {
                    while (reindexing.get()) {
                        assertThat(TestKnowledge.ask(search, "متى يبدأ مفعول البوتوكس؟").answered()).isTrue();
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 8; i++) {
                index.rebuild();
            }
            reindexing.set(false);
            for (Future<?> asker : askers) {
                asker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answered.get()).isPositive();
        try (Stream<Path> files = Files.list(data.resolve("passages"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("segments_")))
                    .as("the files of replaced content are deleted").hasSize(1);
        }
    }

    @Test
    void runsConcurrentReindexesOneAfterTheOther() throws Exception {
        KnowledgeFolder.at(knowledge).withClinicArticle();
        PassageIndex index = open();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<PassageIndex.Report>> reports = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reports.add(pool.submit(() -> {
                    start.await();
                    return index.rebuild();
                }));
            }
            start.countDown();
            for (Future<PassageIndex.Report> report : reports) {
                assertThat(report.get(60, TimeUnit.SECONDS).passages()).isEqualTo(9);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestKnowledge.ask(TestKnowledge.search(index), "هل البوتوكس آمن؟").answered()).isTrue();
    }

    @Test
    void letsAdminsAddSynonymsInTheKnowledgeFolder() {
        KnowledgeFolder folder = KnowledgeFolder.at(knowledge).withClinicArticle();
        PassageIndex index = open();
        PassageSearch search = TestKnowledge.search(index);
        assertThat(TestKnowledge.ask(search, "هل الخرفشة من البوتوكس؟").answered()).isFalse();

        folder.file("synonyms.txt", "# local words\nخرفشة, خرفشه => الآثار الجانبية\n");
        index.rebuild();

        assertThat(TestKnowledge.ask(search, "هل الخرفشة من البوتوكس؟").passages()).first()
                .satisfies(p -> assertThat(p.passage().text()).contains("الآثار الجانبية"));
    }
}
