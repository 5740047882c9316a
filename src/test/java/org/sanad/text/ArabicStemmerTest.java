package org.sanad.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArabicStemmerTest {

    private final ArabicStemmer stemmer = new ArabicStemmer(Map.of("اطفال", "طفل"));

    private List<String> variants(String word) {
        return stemmer.variants(ArabicNormalizer.normalize(word));
    }

    @Test
    void letsVerbsMeetTheirNouns() {
        assertThat(variants("يبلع")).contains("بلع");
        assertThat(variants("البلع")).contains("بلع");
        assertThat(variants("بيتنفس")).contains("تنفس");
        assertThat(variants("التنفس")).contains("تنفس");
        assertThat(variants("بتتنفس")).contains("تنفس");
    }

    @Test
    void neverCutsARootBelowThreeLetters() {
        assertThat(variants("ولدي")).contains("ولد").doesNotContain("لد");
        assertThat(variants("وجعه")).contains("وجع").doesNotContain("جع");
        assertThat(variants("بلع")).containsExactly("بلع");
    }

    @Test
    void stripsTheSingleLetterProcliticsAndTheArticle() {
        assertThat(variants("لأطفال")).contains("طفل");
        assertThat(variants("بالبوتوكس")).contains("بوتوكس");
        assertThat(variants("والدكتور")).contains("دكتور");
        assertThat(variants("عالحقنة")).contains("حقنه");
    }

    @Test
    void stripsDialectVerbPrefixesAndTheNegationCircumfix() {
        assertThat(variants("هيتحسن")).contains("تحسن");
        assertThat(variants("مابيبلعش")).contains("بلع");
        assertThat(variants("كيعاون")).contains("عاون");
    }

    @Test
    void stripsPronounAndPluralEndings() {
        assertThat(variants("عضلاتها")).contains("عضلات", "عضل");
        assertThat(variants("حقنته")).contains("حقن");
    }

    @Test
    void stripsTheDialectPossessiveWaw() {
        assertThat(variants("رجلو")).contains("رجل");
        assertThat(variants("اسمو")).contains("اسم");
    }

    @Test
    void bringsBrokenPluralsToTheSingularFromTheLemmaList() {
        assertThat(variants("الأطفال")).contains("طفل");
    }

    @Test
    void leavesLatinWordsAlone() {
        assertThat(stemmer.variants("botox")).containsExactly("botox");
    }
}
