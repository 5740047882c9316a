package org.sanad.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArabicNormalizerTest {

    @Test
    void foldsHamzaFormsAlefMaksuraAndTehMarbuta() {
        assertThat(ArabicNormalizer.normalize("أ إ آ ٱ")).isEqualTo("ا ا ا ا");
        assertThat(ArabicNormalizer.normalize("مستشفى الحقنة")).isEqualTo("مستشفي الحقنه");
        assertThat(ArabicNormalizer.normalize("مؤقت شيء قائمة")).isEqualTo("موقت شي قايمه");
    }

    @Test
    void removesDiacriticsAndTatweel() {
        assertThat(ArabicNormalizer.normalize("البُوتُوكْس آمِن")).isEqualTo("البوتوكس امن");
        assertThat(ArabicNormalizer.normalize("بـــوتوكس")).isEqualTo("بوتوكس");
    }

    @Test
    void readsArabicIndicAndPersianDigits() {
        assertThat(ArabicNormalizer.normalize("من ٤ إلى ٦ أشهر، ۲۴ ساعة")).isEqualTo("من 4 الي 6 اشهر, 24 ساعه");
    }

    @Test
    void dropsBidiAndZeroWidthMarks() {
        assertThat(ArabicNormalizer.normalize("\u200Fبوت\u200Cوكس\u202B\u2066 آمن\u200B")).isEqualTo("بوتوكس امن");
    }

    @Test
    void countsALetterTypedThreeTimesOrMoreOnce() {
        assertThat(ArabicNormalizer.normalize("كتيييير sooooo")).isEqualTo("كتير so");
        assertThat(ArabicNormalizer.normalize("اللي")).isEqualTo("اللي");
    }

    @Test
    void keepsNegatorsAndQuestionMarks() {
        assertThat(ArabicNormalizer.normalize("ما يقدر يبلع، هل ده طبيعي؟")).isEqualTo("ما يقدر يبلع, هل ده طبيعي?");
    }

    @Test
    void foldsPersianLettersAndPresentationFormsAndCase() {
        assertThat(ArabicNormalizer.normalize("ﻻ کیف BOTOX")).isEqualTo("لا كيف botox");
    }

    @Test
    void turnsControlCharactersAndRunsOfSpaceIntoOneSpace() {
        assertThat(ArabicNormalizer.normalize(" متى\u0000  يبدأ\t\nالمفعول ")).isEqualTo("متي يبدا المفعول");
    }

    @Test
    void returnsEmptyForNothing() {
        assertThat(ArabicNormalizer.normalize(null)).isEmpty();
        assertThat(ArabicNormalizer.normalize("\u200F\u200E")).isEmpty();
    }
}
