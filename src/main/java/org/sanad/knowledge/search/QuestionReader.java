package org.sanad.knowledge.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanad.text.ArabicStemmer;
import org.sanad.text.ArabiziTransliterator;
import org.sanad.text.LanguageResources;
import org.sanad.text.Word;

/**
 * Turns the words of a parent's message into slots: Latin words through the English and Arabizi lexicon, every word into its
 * stems, dialect words and phrases into the words the documents use, filler words dropped.
 * Lucene's SynonymGraphFilter cannot take the stacked stems as input, hence the phrase matching here.
 */
final class QuestionReader {

    /** What a message is before any search: a greeting, thanks, or something to look up. */
    enum Social { NONE, GREETING, THANKS, GOODBYE, IDENTITY }

    record Analysis(List<Slot> slots, Social social) {

        List<Slot> content() {
            return slots.stream().filter(s -> !s.weak()).toList();
        }
    }

    /**
     * @param readings the word as written, or every Arabic word an Arabizi spelling may stand for
     */
    private record Reading(String surface, Set<String> readings, Set<String> variants, Set<String> latinSkeletons) {

        Reading(String surface, Set<String> variants, Set<String> latinSkeletons) {
            this(surface, Set.of(surface), variants, latinSkeletons);
        }
    }

    private record CompiledRule(List<List<Set<String>>> from, Set<String> to) {
    }

    private static final String EXACT_MARK = LanguageResources.EXACT_MARK;
    private static final List<String> PRONOUN_SUFFIXES = List.of("ها", "هم", "هن", "كم", "ه", "و", "ي", "ك");

    private final ArabicStemmer stemmer;
    private final LanguageResources language;
    private final Set<String> weakTerms = new HashSet<>();
    private final Set<String> generalTerms = new HashSet<>();
    private final Phrases anchors;
    private final Phrases openAnchors;
    private final Phrases closedAnchors;
    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<List<Set<String>>> stopPhrases = new ArrayList<>();
    /** Where each phrase of a rule may start: its first word's forms → (rule, phrase), in rule order. */
    private final Map<String, List<int[]>> ruleStarts = new java.util.HashMap<>();
    /** Where each filler phrase may start: its first word's forms → phrase index. */
    private final Map<String, List<Integer>> stopStarts = new java.util.HashMap<>();
    private final int longestLatinKey;
    /** Arabic words Sanad knows (synonym rules, filler words), by consonant skeleton, for Arabizi. */
    private final Map<String, List<String>> contentBySkeleton = new java.util.HashMap<>();
    private final Map<String, List<String>> stopBySkeleton = new java.util.HashMap<>();

    QuestionReader(LanguageResources language) {
        this.language = language;
        this.stemmer = new ArabicStemmer(language.lemmas());
        language.weakWords().forEach(w -> weakTerms.addAll(stemmer.variants(w)));
        language.generalWords().forEach(w -> generalTerms.addAll(stemmer.variants(w)));
        for (LanguageResources.SynonymRule rule : language.synonyms()) {
            Set<String> to = new LinkedHashSet<>();
            rule.to().forEach(phrase -> phrase.forEach(w -> to.addAll(forms(w))));
            rules.add(new CompiledRule(rule.from().stream().map(this::compile).toList(), to));
        }
        // Longest phrases first, so «اثار جانبيه» wins over «اثار».
        rules.sort((a, b) -> Integer.compare(longest(b), longest(a)));
        language.stopPhrases().forEach(p -> stopPhrases.add(compile(p)));
        List<List<Set<String>>> anchorPhrases = new ArrayList<>();
        List<List<Set<String>>> openPhrases = new ArrayList<>();
        language.anchorWords().forEach(a -> anchorPhrases.add(compile(LanguageResources.words(a))));
        language.openAnchorWords().forEach(a -> openPhrases.add(compile(LanguageResources.words(a))));
        anchors = new Phrases(anchorPhrases);
        openAnchors = new Phrases(openPhrases);
        closedAnchors = new Phrases(anchorPhrases.stream().filter(a -> !openPhrases.contains(a)).toList());
        // Greetings and thanks inside a question are not part of it.
        for (String section : List.of("greeting", "thanks", "goodbye")) {
            language.chitchat(section).forEach(p -> stopPhrases.add(compile(LanguageResources.words(p))));
        }
        for (int r = 0; r < rules.size(); r++) {
            List<List<Set<String>>> from = rules.get(r).from();
            for (int f = 0; f < from.size(); f++) {
                for (String form : from.get(f).get(0)) {
                    ruleStarts.computeIfAbsent(form, k -> new ArrayList<>()).add(new int[] {r, f});
                }
            }
        }
        for (int p = 0; p < stopPhrases.size(); p++) {
            for (String form : stopPhrases.get(p).get(0)) {
                stopStarts.computeIfAbsent(form, k -> new ArrayList<>()).add(p);
            }
        }
        longestLatinKey = language.latinLexicon().keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
        for (LanguageResources.SynonymRule rule : language.synonyms()) {
            rule.from().forEach(phrase -> phrase.forEach(w -> indexSkeleton(contentBySkeleton, w)));
        }
        language.weakWords().forEach(w -> indexSkeleton(contentBySkeleton, w));
        language.stopWords().forEach(w -> indexSkeleton(stopBySkeleton, w));
    }

    ArabicStemmer stemmer() {
        return stemmer;
    }

    private static int longest(CompiledRule rule) {
        return rule.from().stream().mapToInt(List::size).max().orElse(0);
    }

    /**
     * A word of a synonym rule stands for itself, with or without the article, and its lemma: not for all of
     * its stems, which would let «فاعليه» match «علي». The message's words bring their own stems.
     */
    private List<Set<String>> compile(List<String> phrase) {
        return phrase.stream().map(this::forms).toList();
    }

    private Set<String> forms(String word) {
        Set<String> forms = new LinkedHashSet<>();
        // «=يسبب» in a rule file: this very form only («اسباب», the noun, is another word).
        if (word.startsWith(EXACT_MARK)) {
            forms.add(word.substring(EXACT_MARK.length()));
            return forms;
        }
        forms.add(word);
        if (word.startsWith("ال") && word.length() >= 5) {
            forms.add(word.substring(2));
        }
        // A verb in a rule stands for its other persons too («ياخد نفسه» for «تاخد نفسها»).
        if (word.length() >= 4 && "يتن".indexOf(word.charAt(0)) >= 0) {
            forms.add(word.substring(1));
        }
        for (String suffix : PRONOUN_SUFFIXES) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                forms.add(word.substring(0, word.length() - suffix.length()));
                break;
            }
        }
        for (String form : List.copyOf(forms)) {
            String lemma = language.lemmas().get(form);
            if (lemma != null) {
                forms.add(lemma);
            }
        }
        // A stripped form that is a filler word («يبدى» → «بدي», I want) would match every message.
        forms.removeIf(form -> !form.equals(word) && language.stopWords().contains(form));
        return forms;
    }

    Analysis analyze(List<Word> words) {
        List<Word> message = bounded(words);
        List<String> tokens = new ArrayList<>(message.size());
        message.forEach(w -> tokens.add(w.text()));
        Social social = social(tokens);
        List<Reading> readings = removeStopPhrases(toReadings(message, tokens));
        return new Analysis(distinct(toSlots(readings)), social);
    }

    /** Words of a message that are read for search at most: the rest of a long story adds cost, not meaning. */
    static final int MAX_WORDS = 120;
    /** Of those, how many come from the end: parents tell the story first and ask last. */
    private static final int LAST_WORDS = 80;

    /**
     * A message of at most {@link #MAX_WORDS} words: its first words and its last, so that no message, however
     * long, costs more than a few milliseconds. (Triage reads every word.)
     */
    private static List<Word> bounded(List<Word> words) {
        if (words.size() <= MAX_WORDS) {
            return words;
        }
        List<Word> out = new ArrayList<>(words.subList(0, MAX_WORDS - LAST_WORDS));
        out.addAll(words.subList(words.size() - LAST_WORDS, words.size()));
        return out;
    }

    /** A word said twice is one slot: «بوتوكس بوتوكس بوتوكس» asks no more than «بوتوكس». */
    private static List<Slot> distinct(List<Slot> slots) {
        Set<Set<String>> seen = new HashSet<>();
        return slots.stream().filter(slot -> seen.add(slot.terms())).toList();
    }

    /** A message made only of greetings, thanks and filler words is social talk, not a question. */
    private Social social(List<String> tokens) {
        if (tokens.isEmpty()) {
            return Social.NONE;
        }
        Social found = Social.NONE;
        int i = 0;
        outer:
        while (i < tokens.size()) {
            for (int len = Math.min(5, tokens.size() - i); len >= 1; len--) {
                String phrase = String.join(" ", tokens.subList(i, i + len));
                for (Social kind : List.of(Social.GREETING, Social.THANKS, Social.GOODBYE, Social.IDENTITY)) {
                    if (language.chitchat(kind.name().toLowerCase()).contains(phrase)) {
                        if (found == Social.NONE || kind == Social.THANKS || kind == Social.IDENTITY) {
                            found = kind;
                        }
                        i += len;
                        continue outer;
                    }
                }
            }
            i++;
        }
        return found;
    }

    /**
     * A message in English («how long does it last») must not have its unknown words read as Arabizi («sleep»
     * is not «صلابه»): Arabizi carries digits or Arabizi filler words, English carries English ones.
     */
    private boolean readsAsEnglish(List<String> tokens) {
        int english = 0;
        for (String token : tokens) {
            if (token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isLetter)) {
                return false;
            }
            if (ENGLISH_MARKERS.contains(token)) {
                english++;
            }
        }
        return english >= 2;
    }

    private static final Set<String> ENGLISH_MARKERS = Set.of("the", "is", "are", "does", "do", "my", "what", "how",
            "when", "can", "should", "will", "a", "to", "of", "for", "it", "his", "her", "she", "he", "i", "you",
            "after", "with", "this", "that", "there", "be", "in", "on", "at", "and", "or", "why", "normal", "long");

    private List<Reading> toReadings(List<Word> message, List<String> tokens) {
        Map<String, List<String>> lexicon = language.latinLexicon();
        boolean english = readsAsEnglish(tokens);
        List<Reading> words = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            if (!message.get(i).latin()) {
                words.add(new Reading(token, new LinkedHashSet<>(message.get(i).variants()), Set.of()));
                i++;
                continue;
            }
            int matched = 0;
            for (int len = Math.min(longestLatinKey, tokens.size() - i); len >= 1 && matched == 0; len--) {
                List<String> run = tokens.subList(i, i + len);
                if (!message.subList(i, i + len).stream().allMatch(Word::latin)) {
                    continue;
                }
                List<String> target = lexicon.get(String.join(" ", run));
                if (target == null && len == 1) {
                    target = englishStem(lexicon, token);
                }
                if (target != null) {
                    for (String arabic : target) {
                        words.add(new Reading(arabic, new LinkedHashSet<>(stemmer.variants(arabic)), Set.of()));
                    }
                    matched = len;
                }
            }
            if (matched == 0) {
                List<String> arabic = english ? List.of() : fromArabizi(token);
                if (!arabic.isEmpty()) {
                    Set<String> variants = new LinkedHashSet<>();
                    arabic.forEach(a -> variants.addAll(stemmer.variants(a)));
                    words.add(new Reading(arabic.get(0), new LinkedHashSet<>(arabic), variants, Set.of()));
                } else {
                    words.add(new Reading(token, new LinkedHashSet<>(Set.of(token)), english ? Set.of()
                            : new LinkedHashSet<>(ArabiziTransliterator.skeletonReadings(token))));
                }
                matched = 1;
            }
            i += matched;
        }
        return words;
    }

    /** The terms name this clinic's subject: «بوتوكس», «حقنه», «صغر الراس»… */
    boolean isAnchor(Set<String> terms) {
        return anchors.matchAny(terms);
    }

    /** An anchor that names the subject only when no unknown word follows it: an injection of what? */
    boolean isOpenAnchor(Set<String> terms) {
        return openAnchors.matchAny(terms) && !closedAnchors.matchAny(terms);
    }

    /**
     * Phrases of forms, matched when every word of one of them has a form among the terms. Asked for every slot of
     * every question: the forms of one-word phrases (nearly all anchors) are one set, looked up once per term.
     */
    private static final class Phrases {

        private final Set<String> oneWordForms = new HashSet<>();
        private final List<List<Set<String>>> longer = new ArrayList<>();
        private final boolean anyEmpty;

        Phrases(List<List<Set<String>>> phrases) {
            boolean empty = false;
            for (List<Set<String>> phrase : phrases) {
                if (phrase.isEmpty()) {
                    empty = true;
                } else if (phrase.size() == 1) {
                    oneWordForms.addAll(phrase.get(0));
                } else {
                    longer.add(phrase);
                }
            }
            anyEmpty = empty;
        }

        boolean matchAny(Set<String> terms) {
            if (anyEmpty) {
                return true;
            }
            for (String term : terms) {
                if (oneWordForms.contains(term)) {
                    return true;
                }
            }
            for (List<Set<String>> phrase : longer) {
                if (allWordsIn(phrase, terms)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean allWordsIn(List<Set<String>> phrase, Set<String> terms) {
            for (Set<String> forms : phrase) {
                boolean found = false;
                for (String form : forms) {
                    if (terms.contains(form)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
    }

    /** «ومش», «فهل», «لغير»: a filler word keeps being one behind a one-letter proclitic. */
    boolean isStopWord(String word) {
        return isStopWord(language.stopWords(), word);
    }

    static boolean isStopWord(Set<String> stop, String word) {
        return stop.contains(word)
                || word.length() > 2 && "وفلبك".indexOf(word.charAt(0)) >= 0 && stop.contains(word.substring(1));
    }

    private static Set<String> exactForms(Set<String> readings) {
        Set<String> out = new HashSet<>(readings);
        for (String reading : readings) {
            if (reading.startsWith("ال") && reading.length() >= 5) {
                out.add(reading.substring(2));
            }
        }
        return out;
    }

    private static void indexSkeleton(Map<String, List<String>> map, String word) {
        if (!ArabicStemmer.isArabic(word)) {
            return;
        }
        String skeleton = ArabiziTransliterator.skeletonOfArabic(word);
        if (skeleton.length() >= 2) {
            List<String> words = map.computeIfAbsent(skeleton, k -> new ArrayList<>());
            if (words.size() < 3 && !words.contains(word)) {
                words.add(word);
            }
        }
    }

    /**
     * The Arabic word an Arabizi token stands for, if Sanad knows one: first a filler or content word with the
     * very same consonants («3ando» is «عنده»), then one behind Arabizi clitics («hayfido» is «يفيد»).
     */
    private List<String> fromArabizi(String token) {
        List<String> readings = ArabiziTransliterator.skeletonReadings(token);
        int whole = ArabiziTransliterator.wholeReadings(token);
        for (int i = 0; i < readings.size(); i++) {
            String skeleton = readings.get(i);
            List<String> stop = stopBySkeleton.get(skeleton);
            if (i < whole && stop != null) {
                return List.of(stop.get(0));
            }
            List<String> content = contentBySkeleton.get(skeleton);
            // Short skeletons read behind clitics are too ambiguous to trust.
            if (content != null && (i < whole || skeleton.length() >= 3)) {
                return content;
            }
        }
        return List.of();
    }

    /** «injecting», «decides», «splints»: English endings, tried when the lexicon lacks the word itself. */
    private static List<String> englishStem(Map<String, List<String>> lexicon, String token) {
        for (String suffix : new String[] {"ing", "ed", "es", "s", "ly"}) {
            if (token.length() > suffix.length() + 2 && token.endsWith(suffix)) {
                String base = token.substring(0, token.length() - suffix.length());
                for (String candidate : new String[] {base, base + "e", base + "ion"}) {
                    List<String> target = lexicon.get(candidate);
                    if (target != null) {
                        return target;
                    }
                }
            }
        }
        return null;
    }

    /** The MSA words the everyday lexicon gives for a word as written, or for one of its stems. */
    private Set<String> everyday(Reading word) {
        Map<String, List<String>> lexicon = language.dialectLexicon();
        List<String> targets = lexicon.get(word.surface());
        if (targets == null) {
            for (String variant : word.variants()) {
                targets = lexicon.get(variant);
                if (targets != null && variant.length() >= 3) {
                    break;
                }
                targets = null;
            }
        }
        if (targets == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        targets.forEach(t -> out.addAll(stemmer.variants(t)));
        return out;
    }

    private List<Reading> removeStopPhrases(List<Reading> words) {
        List<Reading> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int len = 0;
            for (int p : candidates(stopStarts, words.get(i).variants())) {
                List<Set<String>> phrase = stopPhrases.get(p);
                if (phrase.size() > len && matches(phrase, words, i)) {
                    len = phrase.size();
                }
            }
            if (len > 0) {
                i += len;
            } else {
                out.add(words.get(i++));
            }
        }
        return out;
    }

    /** The (rule, phrase) pairs that may start at a word with these forms, in the rules' order. */
    private List<int[]> ruleCandidates(Set<String> forms) {
        List<int[]> out = new ArrayList<>();
        for (String form : forms) {
            out.addAll(ruleStarts.getOrDefault(form, List.of()));
        }
        out.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        return out;
    }

    private static java.util.SortedSet<Integer> candidates(Map<String, List<Integer>> starts, Set<String> forms) {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (String form : forms) {
            out.addAll(starts.getOrDefault(form, List.of()));
        }
        return out;
    }

    private static boolean matches(List<Set<String>> phrase, List<Reading> words, int at) {
        return matches(phrase, words, at, false);
    }

    private static boolean matches(List<Set<String>> phrase, List<Reading> words, int at, boolean exact) {
        if (at + phrase.size() > words.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            Reading word = words.get(at + k);
            Set<String> variants = exact ? exactForms(word.readings()) : word.variants();
            if (phrase.get(k).stream().noneMatch(variants::contains)) {
                return false;
            }
        }
        return true;
    }

    private List<Slot> toSlots(List<Reading> words) {
        List<Slot> slots = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Reading word = words.get(i);
            Set<String> terms = new LinkedHashSet<>(word.variants());
            Set<String> own = new LinkedHashSet<>(word.variants());
            int span = 1;
            boolean synonym = false;
            boolean contentRule = false;
            // A rule that names the word as written («بكام» → سعر) wins over one that only meets a stem of it
            // («كام» → كم).
            // A word listed as weak or everyday as written («ميعاد») is not read through a stem («عاد», returns).
            boolean listed = language.weakWords().contains(word.surface())
                    || language.generalWords().contains(word.surface());
            for (boolean exact : listed ? new boolean[] {true} : new boolean[] {true, false}) {
                for (int[] start : ruleCandidates(exact ? exactForms(word.readings()) : word.variants())) {
                    CompiledRule rule = rules.get(start[0]);
                    List<Set<String>> from = rule.from().get(start[1]);
                    if (from.size() >= span && matches(from, words, i, exact)) {
                        if (from.size() > span) {
                            // A longer phrase takes over the slot: its own words join in.
                            for (int k = i + 1; k < i + from.size(); k++) {
                                terms.addAll(words.get(k).variants());
                                own.addAll(words.get(k).variants());
                            }
                            span = from.size();
                        }
                        terms.addAll(rule.to());
                        synonym = true;
                        contentRule |= rule.to().stream().noneMatch(weakTerms::contains);
                    }
                }
                if (synonym) {
                    break;
                }
            }
            boolean stop = span == 1 && !synonym && isStopWord(word.surface());
            if (!stop) {
                boolean number = word.surface().chars().allMatch(Character::isDigit);
                boolean weak = number || !contentRule && terms.stream().anyMatch(weakTerms::contains);
                boolean anchor = isAnchor(terms);
                boolean general = !synonym && !anchor && terms.stream().anyMatch(generalTerms::contains);
                slots.add(new Slot(word.surface(), terms, weak, general, anchor, word.latinSkeletons(), span, i, own,
                        synonym ? Set.of() : everyday(word)));
            }
            i += span;
        }
        return slots;
    }
}
