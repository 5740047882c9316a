package org.sanad.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            "ability-before-verb", "first-person", "first-person-after", "question", "possessive", "preference", "not-yet");

    /** A phrase and where it was written, for error messages. */
    record Phrase(List<TokenPattern> words, String source) {
    }

    private final Map<String, List<Phrase>> words;
    private final Map<String, List<Phrase>> redFlags;
    private final Map<String, List<Phrase>> crisis;

    /** Which phrases may start at a word, by the keys of their first word: see {@link #mayStart}. */
    private final Map<Phrase, Integer> ids = new IdentityHashMap<>();
    /** The id of each section's first phrase: a section's phrases have the ids that follow, in file order. */
    private final Map<List<Phrase>, Integer> bases = new IdentityHashMap<>();
    private final Map<String, BitSet> firstWords = new HashMap<>();
    private final BitSet startAnywhere = new BitSet();
    /** How long the letters of a glob are: only pieces of a word that long can be one. */
    private final java.util.SortedSet<Integer> globLengths = new java.util.TreeSet<>();
    /** A word's candidate phrases, computed once per word of a message (the words of a message are its own). */
    private final ThreadLocal<Map<Word, BitSet>> candidates = ThreadLocal.withInitial(IdentityHashMap::new);
    private static final int CANDIDATE_CACHE = 8192;

    SafetyLexicon(Map<String, List<Phrase>> words, Map<String, List<Phrase>> redFlags,
            Map<String, List<Phrase>> crisis) {
        this.words = words;
        this.redFlags = redFlags;
        this.crisis = crisis;
        for (Map<String, List<Phrase>> file : List.of(words, redFlags, crisis)) {
            for (List<Phrase> phrases : file.values()) {
                bases.put(phrases, ids.size());
                phrases.forEach(this::index);
            }
        }
    }

    /**
     * Indexes a phrase by the keys its first word can match («=بلع» the word, «^بلع» a start, «$بلع» an end,
     * «~بلع» anywhere; «z…» the same for an Arabizi skeleton), so that a message costs a few look-ups a word
     * instead of a try of every phrase at every word. A phrase that opens with a class or a gap is tried anywhere.
     */
    private void index(Phrase phrase) {
        int id = ids.size();
        ids.put(phrase, id);
        TokenPattern first = phrase.words().get(0);
        switch (first.kind()) {
            case CLASS, GAP -> startAnywhere.set(id);
            case ARABIZI -> first.skeletons().forEach(skeleton -> key("z", first, skeleton, id));
            default -> key("", first, first.text(), id);
        }
    }

    private void key(String space, TokenPattern pattern, String text, int id) {
        String glob = pattern.anyPrefix() && pattern.anySuffix() ? "~" : pattern.anyPrefix() ? "$"
                : pattern.anySuffix() ? "^" : "=";
        firstWords.computeIfAbsent(space + glob + text, k -> new BitSet()).set(id);
        if (!glob.equals("=")) {
            globLengths.add(text.length());
        }
    }

    /** The phrases of a section that may start at this word, in file order; matching decides. */
    List<Phrase> startingAt(List<Phrase> section, Word token) {
        Integer base = bases.get(section);
        if (base == null) {
            return section;
        }
        BitSet may = candidatesOf(token);
        List<Phrase> out = null;
        for (int id = may.nextSetBit(base); id >= 0 && id < base + section.size(); id = may.nextSetBit(id + 1)) {
            if (out == null) {
                out = new ArrayList<>(4);
            }
            out.add(section.get(id - base));
        }
        return out == null ? List.of() : out;
    }

    /** False when the phrase cannot start at this word; true is only a maybe, decided by matching. */
    private boolean mayStart(Phrase phrase, Word token) {
        Integer id = ids.get(phrase);
        return id == null || candidatesOf(token).get(id);
    }

    private BitSet candidatesOf(Word token) {
        Map<Word, BitSet> cache = candidates.get();
        BitSet known = cache.get(token);
        if (known != null) {
            return known;
        }
        if (cache.size() > CANDIDATE_CACHE) {
            cache.clear();
        }
        BitSet computed = computeCandidates(token);
        cache.put(token, computed);
        return computed;
    }

    private BitSet computeCandidates(Word token) {
        BitSet out = (BitSet) startAnywhere.clone();
        if (token.latin()) {
            lookUp("", token.loose(), out);
            for (String skeleton : token.skeletons()) {
                lookUp("z", skeleton, out);
            }
            return out;
        }
        for (String form : new String[] {token.loose(), token.bare()}) {
            if (form != null) {
                lookUp("", form, out);
                // «ضعيفا»: a written tanween (see TokenPattern).
                if (form.length() >= 4 && form.endsWith("ا")) {
                    lookUp("", form.substring(0, form.length() - 1), out);
                }
            }
        }
        return out;
    }

    private void lookUp(String space, String word, BitSet out) {
        or(out, firstWords.get(space + "=" + word));
        for (int i : globLengths) {
            if (i > word.length()) {
                break;
            }
            or(out, firstWords.get(space + "^" + word.substring(0, i)));
            or(out, firstWords.get(space + "$" + word.substring(word.length() - i)));
            for (int j = 0; j + i <= word.length(); j++) {
                or(out, firstWords.get(space + "~" + word.substring(j, j + i)));
            }
        }
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
        for (List<Phrase> phrases : words.values()) {
            for (Phrase phrase : startingAt(phrases, token)) {
                if (phrase.words().size() == 1 && phrase.words().get(0).matches(token)) {
                    return true;
                }
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

    /** The end (exclusive) of {@code phrase} matched at {@code pos} within one clause, or -1. */
    int match(Phrase phrase, List<Word> tokens, int pos, boolean[] masked) {
        if (!mayStart(phrase, tokens.get(pos))) {
            return -1;
        }
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
