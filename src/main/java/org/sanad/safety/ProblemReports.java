package org.sanad.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sanad.text.ArabicNormalizer;
import org.sanad.text.ArabiziTransliterator;
import org.sanad.text.MessageText;
import org.sanad.text.TextReader;
import org.sanad.text.Word;
import org.springframework.stereotype.Component;

/**
 * Whether a message reports a new problem with the child («ابني صار تعبان من امبارح», «my son is not himself
 * since the shot»), whatever the problem is: the safety net under the red-flag detector. When the detector finds
 * no sign and the documents no answer, such a message is asked about the danger signs instead of being left with
 * "not covered". The words are data ({@code /safety/problem-reports.txt}); the rule is written there too.
 */
@Component
public class ProblemReports {

    private static final String RESOURCE = "/safety/problem-reports.txt";
    static final List<String> SECTIONS = List.of("child", "injection", "after", "change", "problem", "worry",
            "negator", "not-negator", "denial", "settled");
    /** Words between a negator and the problem it denies («ما عنده حرارة»). */
    private static final int NEGATION_REACH = 2;
    /** Words between «بعد» and the injection («بعد ما أخد الحقنة»). */
    private static final int AFTER_REACH = 3;
    /** Words a loose sign may spread over: a sentence or two («his lips look like he's been eating blueberries»). */
    private static final int LOOSE_SPAN = 16;

    /** One word of an entry: as written or a stem, only as written, with any ending or beginning, or as Arabizi. */
    private record Pattern(String text, boolean exact, boolean prefix, boolean suffix, List<String> skeletons) {

        boolean matches(Word word, Set<String> forms) {
            if (!skeletons.isEmpty()) {
                return word.latin() && word.skeletons().stream().anyMatch(skeletons::contains);
            }
            if (prefix || suffix) {
                return forms.stream().anyMatch(form -> (!prefix || form.startsWith(text))
                        && (!suffix || form.endsWith(text)) && form.length() > text.length());
            }
            return exact ? word.loose().equals(text) || text.equals(word.bare()) : forms.contains(text);
        }
    }

    private final Map<String, List<List<Pattern>>> sections;
    private final SignFamilies families;
    /** Each section's phrases by what their first word must be, so that a word tries only those it can open. */
    private final Map<String, FirstWords> firstWords = new HashMap<>();

    public ProblemReports() {
        this(read());
    }

    ProblemReports(List<String> lines) {
        this(lines, SignFamilies.bundled());
    }

    ProblemReports(List<String> lines, SignFamilies families) {
        this.sections = parse(lines);
        this.families = families;
        sections.forEach((section, phrases) -> firstWords.put(section, new FirstWords(phrases)));
    }

    /**
     * The phrases of a section by the first word's letters: a form of the word (as written or a stem), its start, its
     * end, or an Arabizi skeleton. Only a maybe: the phrase is then matched word by word.
     */
    private static final class FirstWords {

        private final Map<String, List<Integer>> forms = new HashMap<>();
        private final Map<String, List<Integer>> starts = new HashMap<>();
        private final Map<String, List<Integer>> ends = new HashMap<>();
        private final Map<String, List<Integer>> skeletons = new HashMap<>();
        private final SortedSet<Integer> startLengths = new TreeSet<>();
        private final SortedSet<Integer> endLengths = new TreeSet<>();

        FirstWords(List<List<Pattern>> phrases) {
            for (int i = 0; i < phrases.size(); i++) {
                Pattern first = phrases.get(i).get(0);
                if (!first.skeletons().isEmpty()) {
                    for (String skeleton : first.skeletons()) {
                        add(skeletons, skeleton, i);
                    }
                } else if (first.prefix()) {
                    add(starts, first.text(), i);
                    startLengths.add(first.text().length());
                } else if (first.suffix()) {
                    add(ends, first.text(), i);
                    endLengths.add(first.text().length());
                } else {
                    add(forms, first.text(), i);
                }
            }
        }

        private static void add(Map<String, List<Integer>> keys, String key, int phrase) {
            keys.computeIfAbsent(key, k -> new ArrayList<>()).add(phrase);
        }

        /** The phrases that may open at a word with these forms. */
        Set<Integer> at(Word word, Set<String> wordForms) {
            Set<Integer> out = new TreeSet<>();
            if (word.latin()) {
                for (String skeleton : word.skeletons()) {
                    out.addAll(skeletons.getOrDefault(skeleton, List.of()));
                }
            }
            for (String form : wordForms) {
                out.addAll(forms.getOrDefault(form, List.of()));
                for (int length : startLengths) {
                    if (length >= form.length()) {
                        break;
                    }
                    out.addAll(starts.getOrDefault(form.substring(0, length), List.of()));
                }
                for (int length : endLengths) {
                    if (length >= form.length()) {
                        break;
                    }
                    out.addAll(ends.getOrDefault(form.substring(form.length() - length), List.of()));
                }
            }
            return out;
        }
    }

    /** True when the message reports a problem with the child, by the rule of the data file. */
    public boolean reports(MessageText message) {
        List<Word> words = message.words();
        if (words.isEmpty()) {
            return false;
        }
        List<Set<String>> forms = words.stream().map(ProblemReports::forms).toList();
        boolean[][] found = new boolean[SECTIONS.size()][];
        for (int s = 0; s < SECTIONS.size(); s++) {
            found[s] = starts(SECTIONS.get(s), words, forms);
        }
        boolean child = any(found[0]);
        boolean after = afterInjection(words, found[1], found[2]);
        boolean change = any(found[3]);
        boolean[] negator = found[6];
        for (int i = 0; i < negator.length; i++) {
            negator[i] &= !found[7][i];
        }
        // «لا يوجد عند ابني أي صعوبة في البلع»: a denial of existence reaches the whole clause after it.
        boolean[] denial = found[8];
        // «يوجعو شوية بلاصة البيكير», «today he's his usual self»: the expected course, or a problem already over,
        // is no new problem; the words of a sign still count.
        // A settled phrase settles its own clause and those before it («he was sleepy after the injection… today he's
        // his usual self»), not a problem written after it («مكان الابرة احمر شوي، ومن امبارح بيستفرغ وما بياكل»).
        boolean[] problems = found[4].clone();
        for (int i = 0; i < problems.length; i++) {
            problems[i] &= !settledAt(words, found[9], words.get(i).clause());
        }
        boolean problem = notNegated(problems, words, negator, denial) || looseSign(words, negator);
        boolean worry = notNegated(found[5], words, negator, denial);
        // a change alone is no report: «صرت ما أنام» is an adult writing of themselves
        return problem && (child || after) || worry && (after || child && change);
    }

    /**
     * The words of a sign of two parts or more anywhere in the message, though not where the detector looks for
     * them (one clause, a few words apart): «his lips look like he's been eating blueberries», «الاكل ... لما
     * يشرب بيطلع من مناخيره». Something is wrong with what the sign affects, and the parent is asked. A part
     * counts unless a negator stands before it in its clause; the lost parts («can't hold») are read as words here.
     */
    private boolean looseSign(List<Word> words, boolean[] negator) {
        List<BitSet> of = new ArrayList<>();
        BitSet present = new BitSet();
        for (Word word : words) {
            BitSet families = this.families.familiesOf(word);
            of.add(families);
            present.or(families);
        }
        for (SignFamilies.Sign sign : families.signs()) {
            if (sign.parts().size() < 2 || sign.parts().stream().anyMatch(part -> !present.get(part.family()))) {
                continue;
            }
            boolean all = true;
            List<boolean[]> places = new ArrayList<>();
            for (SignFamilies.Part part : sign.parts()) {
                boolean[] at = new boolean[words.size()];
                for (int i = 0; i < words.size(); i++) {
                    at[i] = of.get(i).get(part.family());
                }
                // A lost part is lost only where something negates it, or it is a word fused with its negator
                // («مبيرفعش»): «يرفع راسو ويلعب» is a child holding his head up.
                boolean[] undenied = undenied(at, words, negator);
                all &= part.lost() ? !any(undenied) || fusedNegation(at, words) : any(undenied);
                places.add(part.lost() ? at : undenied);
            }
            if (all && near(places)) {
                return true;
            }
        }
        return false;
    }

    private static boolean settledAt(List<Word> words, boolean[] settled, int clause) {
        for (int j = 0; j < settled.length; j++) {
            int at = words.get(j).clause();
            if (settled[j] && at >= clause) {
                return true;
            }
        }
        return false;
    }

    /** A sign's words «anywhere» are still one story: every part within {@link #LOOSE_SPAN} words of the others. */
    private static boolean near(List<boolean[]> places) {
        int n = places.get(0).length;
        for (int from = 0; from < n; from++) {
            boolean all = true;
            for (int k = 0; k < places.size() && all; k++) {
                boolean found = false;
                for (int i = from; i < Math.min(n, from + LOOSE_SPAN + 1) && !found; i++) {
                    found = places.get(k)[i];
                }
                all = found;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * The places of a part that no negator before them in their clause denies: «ماكو عنده مشكلة بالبول», «لم يلاحظ أي
     * تغير في التحكم بالبول» deny the whole clause.
     */
    private static boolean[] undenied(boolean[] at, List<Word> words, boolean[] negator) {
        boolean[] out = new boolean[at.length];
        for (int i = 0; i < at.length; i++) {
            if (!at[i]) {
                continue;
            }
            boolean denied = false;
            for (int j = i - 1; j >= 0 && words.get(j).clause() == words.get(i).clause() && !denied; j--) {
                denied = negator[j];
            }
            out[i] = !denied;
        }
        return out;
    }

    /** Where a phrase of the section starts. */
    private boolean[] starts(String section, List<Word> words, List<Set<String>> forms) {
        boolean[] out = new boolean[words.size()];
        List<List<Pattern>> phrases = sections.getOrDefault(section, List.of());
        if (phrases.isEmpty()) {
            return out;
        }
        FirstWords index = firstWords.get(section);
        for (int pos = 0; pos < words.size(); pos++) {
            for (int candidate : index.at(words.get(pos), forms.get(pos))) {
                List<Pattern> phrase = phrases.get(candidate);
                if (pos + phrase.size() > words.size()) {
                    continue;
                }
                boolean all = true;
                for (int i = 0; i < phrase.size() && all; i++) {
                    all = phrase.get(i).matches(words.get(pos + i), forms.get(pos + i));
                }
                if (all) {
                    out[pos] = true;
                    break;
                }
            }
        }
        return out;
    }

    private static boolean afterInjection(List<Word> words, boolean[] injection, boolean[] after) {
        for (int i = 0; i < words.size(); i++) {
            if (!injection[i]) {
                continue;
            }
            for (int j = i - 1; j >= Math.max(0, i - AFTER_REACH); j--) {
                if (after[j] && words.get(j).clause() == words.get(i).clause()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A word of the part read as negated by its own letters: Egyptian and Maghrebi «م…ش», Arabizi «ma…sh». */
    private static boolean fusedNegation(boolean[] at, List<Word> words) {
        for (int i = 0; i < at.length; i++) {
            String text = words.get(i).text();
            if (at[i] && text.length() > 3 && (text.startsWith("م") && text.endsWith("ش")
                    || text.startsWith("ma") && (text.endsWith("sh") || text.endsWith("ch")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A problem counts unless a negator stands just before it, in its clause («ما عنده حرارة»), or a denial of
     * existence anywhere before it in its clause.
     */
    private static boolean notNegated(boolean[] at, List<Word> words, boolean[] negator, boolean[] denial) {
        for (int i = 0; i < at.length; i++) {
            if (!at[i]) {
                continue;
            }
            boolean negated = false;
            for (int j = i - 1; j >= Math.max(0, i - NEGATION_REACH) && !negated; j--) {
                negated = negator[j] && words.get(j).clause() == words.get(i).clause();
            }
            for (int j = i - 1; j >= 0 && words.get(j).clause() == words.get(i).clause() && !negated; j--) {
                negated = denial[j];
            }
            if (!negated) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(boolean[] at) {
        for (boolean b : at) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** A word as the entries compare it: typed loosely, without a joined «و»/«ف», and its stems. */
    private static Set<String> forms(Word word) {
        Set<String> forms = new HashSet<>();
        forms.add(word.loose());
        if (word.bare() != null) {
            forms.add(word.bare());
        }
        if (!word.latin()) {
            word.variants().forEach(variant -> forms.add(ArabicNormalizer.loose(variant)));
        }
        return forms;
    }

    // ---- the data file

    private static List<String> read() {
        try (InputStream in = ProblemReports.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<List<Pattern>>> parse(List<String> lines) {
        Map<String, List<List<Pattern>>> out = new LinkedHashMap<>();
        String section = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int comment = line.indexOf('#');
            line = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                if (!SECTIONS.contains(section)) {
                    throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": unknown section [" + section + "]");
                }
                continue;
            }
            if (section == null) {
                throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": an entry before any [section]");
            }
            List<Pattern> phrase = new ArrayList<>();
            for (String raw : line.split("\\s+")) {
                phrase.add(pattern(raw));
            }
            out.computeIfAbsent(section, k -> new ArrayList<>()).add(List.copyOf(phrase));
        }
        return out;
    }

    private static Pattern pattern(String raw) {
        boolean arabizi = raw.startsWith("~");
        boolean exact = raw.startsWith("=");
        String body = raw.replace("~", "").replace("=", "");
        boolean prefix = body.endsWith("*");
        boolean suffix = body.startsWith("*");
        body = body.replace("*", "");
        // the words of the entry as the reader cuts and folds a message's words
        List<String> read = TextReader.words(body);
        String text = ArabicNormalizer.loose(read.isEmpty() ? body.toLowerCase() : String.join("", read));
        List<String> skeletons = arabizi ? ArabiziTransliterator.wholeWordSkeletons(body) : List.of();
        return new Pattern(text, exact, prefix, suffix, skeletons);
    }
}
