package org.sanad.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;

class HardToReachTest {

    @TempDir
    Path knowledge;
    @TempDir
    Path indexDir;

    @Test
    void namesASectionThatItsOwnHeadingDoesNotFind() throws Exception {
        Files.writeString(knowledge.resolve("care.md"), """
                # رعاية الطفل بعد الحقن

                ## الاستحمام

                يغسل الطفل بالماء الفاتر في مساء يوم الحقن، ويجفف الجلد بمنشفة نظيفة.

                ## المواعيد

                الاستحمام قبل الموعد عادي. تفتح العيادة من الأحد إلى الخميس. للحجز يتصل الأهل بالاستقبال، ويمكن الاستحمام قبل الموعد
                والاستحمام بعده، والاستحمام في البيت كالمعتاد، والاستحمام لا يؤثر على الموعد.
                """, StandardCharsets.UTF_8);
        PassageIndex index = TestKnowledge.index(knowledge, indexDir);
        List<String> warnings = TestKnowledge.search(index).hardToReach();
        System.out.println(warnings);
        assertThat(warnings).anyMatch(w -> w.contains("«الاستحمام»") && w.contains("المواعيد"));
        assertThat(warnings).noneMatch(w -> w.contains("«المواعيد»"));
        index.close();
    }

    @Test
    void saysNothingOfTheFirstArticle() throws Exception {
        PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, indexDir);
        assertThat(TestKnowledge.search(index).hardToReach()).isEmpty();
        index.close();
    }
}
