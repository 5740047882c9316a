package org.sanad.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.testing.SharedFolder;

class KnowledgeDocumentParserTest {

    private final KnowledgeDocumentParser parser = new KnowledgeDocumentParser();

    @Test
    void keepsAListWithTheSentenceThatIntroducesIt() {
        var doc = parser.parse("a.md", """
                ## الفوائد

                قد يتمتع الطفل بالمزايا التالية:
                - انخفاض التصلب ؛
                - تخفيف الألم.

                فقرة أخرى.
                """);
        assertThat(doc.passages()).extracting(Passage::text)
                .containsExactly("قد يتمتع الطفل بالمزايا التالية:\n- انخفاض التصلب ؛\n- تخفيف الألم.", "فقرة أخرى.");
    }

    @Test
    void givesEveryPassageItsTitleAndSectionAndNeverServesAHeading() {
        var doc = parser.parse("dir/a.md", """
                ---
                title: عنوان المستند
                source: العيادة
                reviewed: 2026-11-28
                ---
                # عنوان المستند

                مقدمة.

                ## القسم الأول

                نص القسم.
                """);
        assertThat(doc.passages()).hasSize(2);
        assertThat(doc.passages().get(0).section()).isEmpty();
        assertThat(doc.passages().get(1)).satisfies(p -> {
            assertThat(p.title()).isEqualTo("عنوان المستند");
            assertThat(p.section()).isEqualTo("القسم الأول");
            assertThat(p.heading()).isEqualTo("عنوان المستند — القسم الأول");
            assertThat(p.source()).isEqualTo("knowledge/dir/a.md");
            assertThat(p.id()).isEqualTo("dir/a.md#2");
        });
    }

    @Test
    void neverServesAParagraphThatIsOnlyALink() {
        var doc = parser.parse("a.md", "نص.\n\n[اقرأ أيضاً عن صغر الرأس.]()\n");
        assertThat(doc.passages()).extracting(Passage::text).containsExactly("نص.");
    }

    @Test
    void attachesExampleQuestionsToThePassageBeforeThem() {
        var doc = parser.parse("a.md", """
                يبدأ المفعول خلال يوم.

                <!-- questions
                - متى يبدأ المفعول؟
                - بعد كم يوم تظهر النتيجة؟
                -->

                <!-- an ordinary comment is ignored -->
                """);
        assertThat(doc.passages()).singleElement().satisfies(p ->
                assertThat(p.questions()).containsExactly("متى يبدأ المفعول؟", "بعد كم يوم تظهر النتيجة؟"));
    }

    @Test
    void readsPlainTextOneParagraphALineWithShortUnpunctuatedLinesAsHeadings() {
        var doc = parser.parse("leaflet.txt", """
                فقرة أولى طويلة بما يكفي لتكون جواباً.
                عنوان قسم
                يتمتع الطفل بما يلي:
                - أولاً ؛
                - ثانياً.
                """);
        assertThat(doc.title()).isEqualTo("leaflet");
        assertThat(doc.passages()).extracting(Passage::section).containsExactly("", "عنوان قسم");
        assertThat(doc.passages().get(1).text()).isEqualTo("يتمتع الطفل بما يلي:\n- أولاً ؛\n- ثانياً.");
    }

    @Test
    void skipsTheWebPagesLinkCaptionsInPlainText() throws IOException {
        Path source = SharedFolder.require("knowledge-source/botox-for-children-with-microcephaly.ar.txt");
        var doc = parser.parse("article.txt", Files.readString(source, StandardCharsets.UTF_8));
        assertThat(doc.passages()).hasSize(9);
        assertThat(doc.passages()).extracting(Passage::text).noneMatch(t -> t.contains("فهم ما هو صغر الرأس"))
                .noneMatch(t -> t.contains("التعرف على التشنج وما هي علاجاتك"));
        assertThat(doc.warnings()).hasSize(2);
    }

    @Test
    void carriesEverySentenceOfTheClinicArticleUnchanged() throws IOException {
        List<String> lines = Files.readAllLines(
                SharedFolder.require("knowledge-source/botox-for-children-with-microcephaly.ar.txt"), StandardCharsets.UTF_8);
        var doc = parser.parse("botox.md", Files.readString(
                TestKnowledge.PROJECT_KNOWLEDGE.resolve("botox-for-children-with-microcephaly.md"), StandardCharsets.UTF_8));
        String served = String.join("\n", doc.passages().stream().map(Passage::text).toList());
        List<String> headings = List.of("فوائد البوتوكس في حالة صغر الرأس", "ما هو البوتوكس وكيف يعمل", "مخاطر البوتوكس");
        List<String> leftovers = List.of("فهم ما هو صغر الرأس وكيف يؤثر على نمو الطفل.", "التعرف على التشنج وما هي علاجاتك.");
        for (String line : lines) {
            String text = line.strip().replaceFirst("^- ", "");
            if (text.isEmpty() || headings.contains(text) || leftovers.contains(text)) {
                continue;
            }
            assertThat(served).contains(text);
        }
        assertThat(doc.passages()).hasSize(9);
        assertThat(doc.passages()).allSatisfy(p -> assertThat(p.questions()).isNotEmpty());
        assertThat(doc.passages()).extracting(Passage::section).containsAll(headings);
    }
}
