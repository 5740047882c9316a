package org.sanad.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import org.sanad.text.Word;

/**
 * The red-flag lexicon, kept as data under {@code /safety} so that clinicians can extend it without code:
 * {@code words.txt} (negators, inability and difficulty markers, body actions, question and report cues, false
 * friends), {@code red-flags.txt} (phrases that are a red flag by themselves, by category) and {@code crisis.txt}
 * (a caregiver writing of harming themselves or the child). Each file is made of {@code [section]} headers
 * followed by one phrase a line; see {@link TokenPattern} for the word syntax.
 */
final class SafetyLexicon {

    /** The red-flag categories, from the boxed warning and the WHO danger signs. */
    static final Set<String> CATEGORIES = Set.of("swallowing", "breathing", "cyanosis", "consciousness", "seizure",
            "weakness", "eyes", "speech", "feeding", "ingestion", "allergy", "bladder");
    static final Set<String> CRISIS_CATEGORIES = Set.of("harm-self", "harm-child");
    /** Sections of words.txt the detector reads by name; any other section is a class for {@code @name}. */
    static final Set<String> WORD_CLASSES = Set.of("negator", "filler", "aspect", "ability", "inability",
            "difficulty", "reassurance", "thanks", "report", "child", "general", "conditional", "hypothetical",
            "chronic", "self", "other", "topic", "false-friend", "not-negator-before-ma",
            "ability-before-verb", "first-person", "first-person-after", "question", "possessive", "preference", "not-yet",
            "adult-he", "adult-she", "adult-any", "relative-he", "relative-she", "he", "she", "she-verb", "switch", "child-noun", "people", "witness",
            "vocative", "injected", "treats", "joy", "asleep", "worse");

    /** A phrase and where it was written, for error messages. */
    record Phrase(List<TokenPattern> words, String source) {
    }

    private final Map<String, List<Phrase>> words;
    private final Map<String, List<Phrase>> redFlags;
    private final Map<String, List<Phrase>> crisis;

    /** Every phrase of the three files by its id, its place among them: words.txt first, in file order. */
    private final List<Phrase> byId = new ArrayList<>();
    /** The {@link Section#bit} of each phrase's section, by id. */
    private final List<Long> sectionBits = new ArrayList<>();
    private int sectionCount;
    /** Ids below this are phrases of words.txt. */
    private final int wordsEnd;
    /** First words as written (Arabic, Latin) and as Arabizi skeletons. */
    private final FirstWords written = new FirstWords();
    private final FirstWords skeletons = new FirstWords();
    private final BitSet startAnywhere = new BitSet();
    /**
     * A word's candidate phrases, computed once per word of a message (the words of a message are its own): the
     * rules ask about each word dozens of times, once per section.
     */
    private final ThreadLocal<Candidates> candidates = ThreadLocal.withInitial(Candidates::new);
    /**
     * The cache of the thread that asked last: the thread reading a message asks thousands of times in a row, and a
     * look-up in its thread-local map (deep in a web server's thread) costs more than the rest of the question.
     */
    private volatile Owned recent;
    /** More words than a message of 4,096 characters has: the candidates by text are then forgotten. */
    private static final int MESSAGE_WORDS = 4096;

    /**
     * The phrases of one section, knowing the id of the first: a section's phrases have the ids that follow, in file
     * order, so that the phrases of a section that may start at a word are a range of the word's candidates.
     */
    private static final class Section extends AbstractList<Phrase> implements RandomAccess {

        private final List<Phrase> phrases;
        private final int base;
        private final int end;
        /** This section's bit in a word's {@link Candidates#sections}. */
        private final long bit;

        Section(List<Phrase> phrases, int base, int ordinal) {
            this.phrases = phrases;
            this.base = base;
            this.end = base + phrases.size();
            this.bit = 1L << (ordinal % Long.SIZE);
        }

        @Override
        public Phrase get(int index) {
            return phrases.get(index);
        }

        @Override
        public int size() {
            return phrases.size();
        }
    }

    /**
     * One thread's candidates by the place of the word in its message: the words of the message being read fill it,
     * and a word of another message at the same place takes that place over. A word repeated in the message is
     * looked up once: its candidates follow from its letters alone.
     */
    private static final class Candidates {

        private Word[] words = new Word[64];
        private int[][] ids = new int[64][];
        /** For each word, the bits of the sections that have a candidate: most sections have none for most words. */
        private long[] sections = new long[64];
        /** The message's words so far, by {@link #textKey}; emptied when a message's first word comes. */
        private final Map<String, Found> byText = new HashMap<>();
        /** Places of {@link #words} filled since the cache was last emptied. */
        private int used;
    }

    private record Found(int[] ids, long sections) {
    }

    private record Owned(Thread thread, Candidates candidates) {
    }

    /**
     * Phrases by the letters their first word must have: the whole word, its start, its end or a piece inside it.
     * Each kind of glob keeps the lengths of its letters, so that a word is cut only into pieces that can be keys.
     */
    private static final class FirstWords {

        private final Map<String, BitSet> exact = new HashMap<>();
        private final Map<String, BitSet> starts = new HashMap<>();
        private final Map<String, BitSet> ends = new HashMap<>();
        private final Map<String, BitSet> inside = new HashMap<>();
        private int[] startLengths = {};
        private int[] endLengths = {};
        private int[] insideLengths = {};

        void add(TokenPattern pattern, String letters, int id) {
            if (pattern.anyPrefix() && pattern.anySuffix()) {
                insideLengths = withLength(insideLengths, letters.length());
                inside.computeIfAbsent(letters, k -> new BitSet()).set(id);
            } else if (pattern.anyPrefix()) {
                endLengths = withLength(endLengths, letters.length());
                ends.computeIfAbsent(letters, k -> new BitSet()).set(id);
            } else if (pattern.anySuffix()) {
                startLengths = withLength(startLengths, letters.length());
                starts.computeIfAbsent(letters, k -> new BitSet()).set(id);
            } else {
                exact.computeIfAbsent(letters, k -> new BitSet()).set(id);
            }
        }

        void lookUp(String word, BitSet out) {
            or(out, exact.get(word));
            int n = word.length();
            for (int i : startLengths) {
                if (i > n) {
                    break;
                }
                or(out, starts.get(word.substring(0, i)));
            }
            for (int i : endLengths) {
                if (i > n) {
                    break;
                }
                or(out, ends.get(word.substring(n - i)));
            }
            for (int i : insideLengths) {
                if (i > n) {
                    break;
                }
                for (int j = 0; j + i <= n; j++) {
                    or(out, inside.get(word.substring(j, j + i)));
                }
            }
        }

        private static int[] withLength(int[] lengths, int length) {
            if (Arrays.binarySearch(lengths, length) >= 0) {
                return lengths;
            }
            int[] out = Arrays.copyOf(lengths, lengths.length + 1);
            out[lengths.length] = length;
            Arrays.sort(out);
            return out;
        }
    }

    SafetyLexicon(Map<String, List<Phrase>> words, Map<String, List<Phrase>> redFlags,
            Map<String, List<Phrase>> crisis) {
        this.words = sections(words);
        this.wordsEnd = byId.size();
        this.redFlags = sections(redFlags);
        this.crisis = sections(crisis);
        for (int id = 0; id < byId.size(); id++) {
            index(byId.get(id), id);
        }
    }

    private Map<String, List<Phrase>> sections(Map<String, List<Phrase>> file) {
        Map<String, List<Phrase>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Phrase>> section : file.entrySet()) {
            Section indexed = new Section(section.getValue(), byId.size(), sectionCount++);
            out.put(section.getKey(), indexed);
            for (Phrase phrase : section.getValue()) {
                byId.add(phrase);
                sectionBits.add(indexed.bit);
            }
        }
        return out;
    }

    /**
     * Indexes a phrase by the letters its first word must have («بلع» the word, «بلع*» its start, «*بلع» its end,
     * «*بلع*» a piece inside it; an Arabizi word the same by skeleton), so that a message costs a few look-ups a word
     * instead of a try of every phrase at every word. A phrase that opens with a class is indexed by the first words
     * of the class's phrases, which are the only words it can start at; one that opens with a gap is tried anywhere.
     */
    private void index(Phrase phrase, int id) {
        if (!keys(phrase.words().get(0), id, new HashSet<>())) {
            startAnywhere.set(id);
        }
    }

    /** Keys the phrase {@code id} under every word {@code first} can match; false when that is any word. */
    private boolean keys(TokenPattern first, int id, Set<String> classesSeen) {
        switch (first.kind()) {
            case GAP -> {
                return false;
            }
            case CLASS -> {
                // A class that names itself, directly or not, is tried anywhere rather than followed forever.
                if (!classesSeen.add(first.text())) {
                    return false;
                }
                for (Phrase member : section(first.text())) {
                    if (!keys(member.words().get(0), id, classesSeen)) {
                        return false;
                    }
                }
                classesSeen.remove(first.text());
                return true;
            }
            case ARABIZI -> first.skeletons().forEach(skeleton -> skeletons.add(first, skeleton, id));
            default -> written.add(first, first.text(), id);
        }
        return true;
    }

    /** The phrases of a section that may start at this word, in file order; matching decides. */
    List<Phrase> startingAt(List<Phrase> section, Word token) {
        if (!(section instanceof Section indexed)) {
            return section;
        }
        Candidates cache = candidates(token);
        int at = token.position();
        if ((cache.sections[at] & indexed.bit) == 0) {
            return List.of();
        }
        int[] may = cache.ids[at];
        int from = firstAtLeast(may, indexed.base);
        if (from == may.length || may[from] >= indexed.end) {
            return List.of();
        }
        List<Phrase> out = new ArrayList<>(4);
        for (int i = from; i < may.length && may[i] < indexed.end; i++) {
            out.add(byId.get(may[i]));
        }
        return out;
    }

    /** The place of the first id not below {@code id}. */
    private static int firstAtLeast(int[] ids, int id) {
        int found = Arrays.binarySearch(ids, id);
        return found >= 0 ? found : -found - 1;
    }

    /** The ids of the phrases that may start at a word, ascending: computed once per word of a message. */
    private int[] candidatesOf(Word token) {
        return candidates(token).ids[token.position()];
    }

    /** This thread's cache, holding the word's candidates at the word's place. */
    private Candidates candidates(Word token) {
        Candidates cache = thisThreadsCandidates();
        int at = token.position();
        if (at < cache.words.length && cache.words[at] == token) {
            return cache;
        }
        if (at == 0 || cache.byText.size() > MESSAGE_WORDS) {
            cache.byText.clear();
        }
        if (at >= cache.words.length) {
            int size = Math.max(at + 1, cache.words.length * 2);
            cache.words = Arrays.copyOf(cache.words, size);
            cache.ids = Arrays.copyOf(cache.ids, size);
            cache.sections = Arrays.copyOf(cache.sections, size);
        }
        Found found = cache.byText.computeIfAbsent(textKey(token), k -> find(token));
        cache.words[at] = token;
        cache.ids[at] = found.ids();
        cache.sections[at] = found.sections();
        cache.used = Math.max(cache.used, at + 1);
        return cache;
    }

    /** Whether this thread's cache still holds a word of a message (for the privacy specification). */
    boolean remembersAnyWord() {
        Candidates cache = thisThreadsCandidates();
        return !cache.byText.isEmpty() || Arrays.stream(cache.words).anyMatch(word -> word != null);
    }

    /**
     * Empties this thread's cache once a message is read: neither its words nor which phrases they might start
     * outlive the message (privacy); the next message fills the cache again, as its first word would anyway.
     */
    void forget() {
        Candidates cache = thisThreadsCandidates();
        Arrays.fill(cache.words, 0, cache.used, null);
        Arrays.fill(cache.ids, 0, cache.used, null);
        Arrays.fill(cache.sections, 0, cache.used, 0L);
        cache.used = 0;
        cache.byText.clear();
    }

    private Candidates thisThreadsCandidates() {
        Thread current = Thread.currentThread();
        Owned owned = recent;
        if (owned != null && owned.thread() == current) {
            return owned.candidates();
        }
        Candidates mine = candidates.get();
        recent = new Owned(current, mine);
        return mine;
    }

    private Found find(Word token) {
        int[] ids = computeCandidates(token).stream().toArray();
        long sections = 0;
        for (int id : ids) {
            sections |= sectionBits.get(id);
        }
        return new Found(ids, sections);
    }

    /** What a word's candidates follow from: its letters and its script. */
    private static String textKey(Word token) {
        return token.latin() ? "l:" + token.text() : "a:" + token.text();
    }

    private BitSet computeCandidates(Word token) {
        BitSet out = (BitSet) startAnywhere.clone();
        if (token.latin()) {
            written.lookUp(token.loose(), out);
            for (String skeleton : token.skeletons()) {
                skeletons.lookUp(skeleton, out);
            }
            return out;
        }
        for (String form : new String[] {token.loose(), token.bare()}) {
            if (form != null) {
                written.lookUp(form, out);
                // «ضعيفا»: a written tanween (see TokenPattern).
                if (form.length() >= 4 && form.endsWith("ا")) {
                    written.lookUp(form.substring(0, form.length() - 1), out);
                }
            }
        }
        return out;
    }

    private static void or(BitSet out, BitSet more) {
        if (more != null) {
            out.or(more);
        }
    }

    static SafetyLexicon bundled() {
        return new SafetyLexicon(read("words.txt"), read("red-flags.txt"), read("crisis.txt"));
    }

    static Map<String, List<Phrase>> read(String name) {
        String resource = "/safety/" + name;
        try (InputStream in = SafetyLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return parse(name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<Phrase>> parse(String name, List<String> lines) {
        Map<String, List<Phrase>> sections = new LinkedHashMap<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String source = name + ":" + (i + 1);
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                sections.computeIfAbsent(section, k -> new ArrayList<>());
                continue;
            }
            if (section == null) {
                throw new IllegalStateException(source + ": a phrase before any [section]");
            }
            List<TokenPattern> patterns = new ArrayList<>();
            for (String word : line.split("\\s+")) {
                try {
                    patterns.add(TokenPattern.parse(word));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(source + ": " + e.getMessage(), e);
                }
            }
            sections.get(section).add(new Phrase(List.copyOf(patterns), source));
        }
        return sections;
    }

    Map<String, List<Phrase>> words() {
        return words;
    }

    Map<String, List<Phrase>> redFlags() {
        return redFlags;
    }

    Map<String, List<Phrase>> crisis() {
        return crisis;
    }

    List<Phrase> section(String name) {
        return words.getOrDefault(name, List.of());
    }

    /** The end (exclusive) of a phrase of {@code section} that starts at {@code pos}, or -1. */
    int endOf(String section, List<Word> tokens, int pos, boolean[] masked) {
        int best = -1;
        for (Phrase phrase : startingAt(section(section), tokens.get(pos))) {
            best = Math.max(best, match(phrase.words(), 0, tokens, pos, tokens.get(pos).clause(), masked));
        }
        return best;
    }

    /** True when a one-word phrase of any section is this word: it is a word of the lexicon. */
    boolean knows(Word token) {
        for (int id : candidatesOf(token)) {
            if (id >= wordsEnd) {
                break;
            }
            Phrase phrase = byId.get(id);
            if (phrase.words().size() == 1 && phrase.words().get(0).matches(token)) {
                return true;
            }
        }
        return false;
    }

    /** True when a one-word phrase of {@code section} is this word. */
    boolean is(String section, Word token) {
        for (Phrase phrase : startingAt(section(section), token)) {
            if (phrase.words().size() == 1 && phrase.words().get(0).matches(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The end (exclusive) of {@code phrase} matched at {@code pos} within one clause, or -1. Callers try the phrases
     * of {@link #startingAt}, so that the index has ruled out the others already.
     */
    int match(Phrase phrase, List<Word> tokens, int pos, boolean[] masked) {
        return match(phrase.words(), 0, tokens, pos, tokens.get(pos).clause(), masked);
    }

    private int match(List<TokenPattern> phrase, int k, List<Word> tokens, int pos, int clause, boolean[] masked) {
        if (k == phrase.size()) {
            return pos;
        }
        TokenPattern pattern = phrase.get(k);
        switch (pattern.kind()) {
            case GAP -> {
                for (int skip = 0; skip <= TokenPattern.GAP_WORDS; skip++) {
                    int at = pos + skip;
                    if (at > tokens.size() || skip > 0 && tokens.get(at - 1).clause() != clause) {
                        break;
                    }
                    int end = match(phrase, k + 1, tokens, at, clause, masked);
                    if (end >= 0) {
                        return end;
                    }
                }
                return -1;
            }
            case CLASS -> {
                if (pos >= tokens.size() || tokens.get(pos).clause() != clause) {
                    return -1;
                }
                for (Phrase member : startingAt(section(pattern.text()), tokens.get(pos))) {
                    int memberEnd = match(member.words(), 0, tokens, pos, clause, masked);
                    if (memberEnd > pos) {
                        int end = match(phrase, k + 1, tokens, memberEnd, clause, masked);
                        if (end >= 0) {
                            return end;
                        }
                    }
                }
                return -1;
            }
            default -> {
                if (pos >= tokens.size() || tokens.get(pos).clause() != clause || masked != null && masked[pos]
                        || !pattern.matches(tokens.get(pos))) {
                    return -1;
                }
                return match(phrase, k + 1, tokens, pos + 1, clause, masked);
            }
        }
    }
}
