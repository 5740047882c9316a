package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplySplitterTest {

    private static final String DOCTOR_NOTE = "🩺 استشر طبيبك قبل أي قرار.";

    private final ReplySplitter splitter = new ReplySplitter();

    @Test
    void leavesAShortReplyWhole() {
        assertThat(splitter.split("جواب قصير\n\n" + DOCTOR_NOTE)).containsExactly("جواب قصير\n\n" + DOCTOR_NOTE);
    }

    @Test
    void splitsAtParagraphsWithinTelegramsLimitAndKeepsTheDoctorNoteWholeOnTheLastPart() {
        String paragraph = "فقرة طويلة عن البوتوكس. ".repeat(60).strip();
        String reply = String.join("\n\n", List.of(paragraph, paragraph, paragraph, paragraph, DOCTOR_NOTE));

        List<String> parts = splitter.split(reply);

        assertThat(parts).hasSizeGreaterThan(1).allMatch(part -> part.length() <= 4096);
        assertThat(parts.get(parts.size() - 1)).endsWith(DOCTOR_NOTE);
        assertThat(parts).allMatch(part -> part.equals(paragraph) || part.startsWith(paragraph + "\n\n")
                || part.startsWith(DOCTOR_NOTE) || part.startsWith("\u200F"));
        assertThat(String.join("\n\n", parts).replace("\u200F", "")).isEqualTo(reply);
    }

    @Test
    void cutsAParagraphLongerThanAMessageAtASentenceOrWord() {
        String sentence = "هذه جملة من المستند. ";
        String huge = sentence.repeat(500).strip();

        List<String> parts = splitter.split(huge + "\n\n" + DOCTOR_NOTE);

        assertThat(parts).allMatch(part -> part.length() <= 4096);
        assertThat(parts.subList(0, parts.size() - 1)).allMatch(part -> part.endsWith("."));
        assertThat(parts.get(parts.size() - 1)).endsWith(DOCTOR_NOTE);
    }

    @Test
    void neverCutsAnEmojiInHalf() {
        String emojis = "😀".repeat(3000);

        List<String> parts = splitter.split(emojis);

        assertThat(parts).allMatch(part -> part.length() <= 4096)
                .allMatch(part -> !Character.isHighSurrogate(part.charAt(part.length() - 1)));
        assertThat(String.join("", parts).replace("\u200F", "")).isEqualTo(emojis);
    }

    @Test
    void startsEveryPartRightToLeft() {
        List<String> parts = new ReplySplitter(40).split("Botox works in days.\n\nمتى يبدأ المفعول؟\n\n123 أيام");

        assertThat(parts).allSatisfy(part -> {
            char first = part.charAt(0);
            assertThat(first == '\u200F' || first >= '\u0600' && first <= '\u06FF').as(part).isTrue();
        });
    }

    @Test
    void escapesTheThreeCharactersTelegramReadsAsMarkup() {
        assertThat(Html.escape("a < b & c > d \"q\"")).isEqualTo("a &lt; b &amp; c &gt; d \"q\"");
        assertThat(Html.bold("<x>")).isEqualTo("<b>&lt;x&gt;</b>");
    }
}
