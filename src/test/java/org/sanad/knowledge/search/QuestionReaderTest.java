package org.sanad.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.text.LanguageResources;
import org.sanad.text.TestText;

class QuestionReaderTest {

    private static final QuestionReader analyzer = new QuestionReader(LanguageResources.bundled());

    private static List<Slot> content(String text) {
        return analyzer.analyze(TestText.read(text).words()).content();
    }

    @Test
    void bringsDialectAndMisspeltWordsToTheDocumentsWords() {
        assertThat(content("البوتكس").get(0).terms()).contains("بوتوكس");
        assertThat(content("ابرة").get(0).terms()).contains("حقن");
        assertThat(content("الدكتور").get(0).terms()).contains("طبيب");
        assertThat(content("البنج").get(0).terms()).contains("تخدير");
    }

    @Test
    void joinsAPhraseIntoOneSlot() {
        List<Slot> slots = content("ايه الأعراض الجانبية");
        assertThat(slots).hasSize(1);
        assertThat(slots.get(0).terms()).contains("اثار", "جانبيه");
        assertThat(slots.get(0).span()).isEqualTo(2);
    }

    @Test
    void keepsQuestionWordsAsWeakSlots() {
        List<Slot> slots = analyzer.analyze(TestText.read("امتى يبان المفعول").words()).slots();
        assertThat(slots.get(0).weak()).isTrue();
        assertThat(slots.get(0).terms()).contains("متي");
        assertThat(slots.stream().filter(s -> !s.weak())).isNotEmpty();
    }

    @Test
    void dropsFillerWordsOfEveryDialect() {
        assertThat(content("بدي اعرف يعني هيك شو")).isEmpty();
        assertThat(content("عايزة أعرف ده ايه بالظبط")).isEmpty();
        assertThat(content("واش دابا بزاف")).isEmpty();
    }

    @Test
    void marksEverydayVerbsOfEveryDialectAsGeneralInAnyPerson() {
        assertThat(content("عطيناه").get(0).general()).isTrue();
        assertThat(content("يحطونه").get(0).general()).isTrue();
        assertThat(content("بنتابع").get(0).general()).isTrue();
        assertThat(content("الباكلوفين").get(0).general()).isFalse();
        assertThat(content("سعر").get(0).general()).isFalse();
    }

    @Test
    void readsAListedWeakWordAsWrittenNotThroughItsStem() {
        Slot appointment = analyzer.analyze(TestText.read("ميعاد").words()).slots().get(0);
        assertThat(appointment.weak()).isTrue();
        assertThat(appointment.anchor()).isFalse();
        assertThat(appointment.terms()).doesNotContain("يظهر", "تشنج");
    }

    @Test
    void keepsBookingASubjectWord() {
        Slot booking = content("احجز").get(0);
        assertThat(booking.weak()).isFalse();
        assertThat(booking.terms()).contains("حجز");
    }

    @Test
    void readsEnglishThroughTheLexicon() {
        assertThat(content("how long does botox last").stream().flatMap(s -> s.terms().stream()))
                .contains("بوتوكس", "يدوم");
    }

    @Test
    void readsArabiziThroughTheLexiconAndTheConsonants() {
        List<Slot> slots = content("el botox bayfid ebni?");
        assertThat(slots.stream().flatMap(s -> s.terms().stream())).contains("بوتوكس", "طفل");
        assertThat(slots.stream().flatMap(s -> s.terms().stream())).contains("فوايد");
    }

    @Test
    void doesNotReadEnglishWordsAsArabizi() {
        List<Slot> slots = content("how many hours should a child sleep");
        // «sleep» is English (the everyday lexicon's «نوم»), never Arabizi consonants («صلابه»).
        assertThat(slots).noneMatch(Slot::latin);
        assertThat(slots.stream().flatMap(s -> s.terms().stream())).contains("نوم").doesNotContain("صلابه");
    }

    @Test
    void marksTheSubjectsOwnWordsAsAnchors() {
        assertThat(content("بوتوكس").get(0).anchor()).isTrue();
        assertThat(content("صغر الراس").get(0).anchor()).isTrue();
        assertThat(content("حفاضات").get(0).anchor()).isFalse();
    }

    @Test
    void recognisesGreetingsAndThanks() {
        assertThat(analyzer.analyze(TestText.read("السلام عليكم").words()).social()).isEqualTo(QuestionReader.Social.GREETING);
        assertThat(analyzer.analyze(TestText.read("شكرا جزيلا").words()).social()).isEqualTo(QuestionReader.Social.THANKS);
        assertThat(analyzer.analyze(TestText.read("shukran").words()).social()).isEqualTo(QuestionReader.Social.THANKS);
        assertThat(analyzer.analyze(TestText.read("متى يبدأ المفعول").words()).social()).isEqualTo(QuestionReader.Social.NONE);
    }

}
