package org.sanad.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.KnowledgeFolder;

class KnowledgeLoaderTest {

    @TempDir
    Path dir;

    private final KnowledgeLoader loader = new KnowledgeLoader();

    @Test
    void skipsAFileThatIsNotUtf8AndNamesIt() {
        KnowledgeFolder.at(dir).file("good.md", "نص صالح.")
                .bytes("sub/windows-1256.txt", new byte[] {(byte) 0xC7, (byte) 0xE1, (byte) 0xC8, 0x20, (byte) 0xFF});
        var content = loader.load(dir, "v");
        assertThat(content.passages()).extracting(Passage::text).containsExactly("نص صالح.");
        assertThat(content.warnings()).singleElement().asString().contains("sub/windows-1256.txt", "UTF-8");
    }

    @Test
    void skipsEmptyFilesAndUnknownTypesWithAWarning() {
        KnowledgeFolder.at(dir).file("good.md", "نص.").file("empty.md", "  \n").file("leaflet.pdf", "%PDF");
        var content = loader.load(dir, "v");
        assertThat(content.documents()).isEqualTo(1);
        assertThat(content.warnings()).anyMatch(w -> w.contains("empty.md")).anyMatch(w -> w.contains("leaflet.pdf"));
    }

    @Test
    void servesADuplicatedPassageOnce() {
        KnowledgeFolder.at(dir).file("a.md", "فقرة مكررة.").file("b.md", "فقرةٌ مكررة.\n\nفقرة جديدة.");
        var content = loader.load(dir, "v");
        assertThat(content.passages()).extracting(Passage::text).containsExactly("فقرة مكررة.", "فقرة جديدة.");
        assertThat(content.warnings()).singleElement().asString().contains("b.md", "duplicate");
    }

    @Test
    void warnsAboutAPassageTooLongForOneTelegramMessage() {
        KnowledgeFolder.at(dir).file("long.md", "كلمة ".repeat(1000));
        assertThat(loader.load(dir, "v").warnings()).singleElement().asString().contains("too long");
    }

    @Test
    void readsTheAdminsReadmeAndSynonymsAsNoDocuments() {
        KnowledgeFolder.at(dir).file("README.md", "# How to write").file("synonyms.txt", "بتوكس => بوتوكس")
                .file("a.md", "نص.");
        var content = loader.load(dir, "v");
        assertThat(content.documents()).isEqualTo(1);
        assertThat(content.warnings()).isEmpty();
    }

    @Test
    void hashesTheContentSoAnUnchangedFolderCanReuseItsIndex() {
        KnowledgeFolder folder = KnowledgeFolder.at(dir).file("a.md", "نص.");
        String before = loader.load(dir, "v").contentHash();
        assertThat(loader.load(dir, "v").contentHash()).isEqualTo(before);
        assertThat(loader.load(dir, "v2").contentHash()).isNotEqualTo(before);
        folder.file("synonyms.txt", "a => b");
        assertThat(loader.load(dir, "v").contentHash()).isNotEqualTo(before);
    }

    @Test
    void refusesAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> loader.load(dir.resolve("missing"), "v"))
                .isInstanceOf(KnowledgeUnavailableException.class).hasMessageContaining("does not exist");
    }
}
