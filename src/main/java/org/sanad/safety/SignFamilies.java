package org.sanad.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanad.text.ArabicNormalizer;
import org.sanad.text.ArabiziTransliterator;
import org.sanad.text.TextReader;
import org.sanad.text.Word;

/**
 * Danger signs as concepts: each sign of the red-flag policy is what is affected (a body part, function or sense)
 * joined, within one clause, to what is wrong with it. Both are word families, kept as data under {@code /safety}:
 * {@code families.txt} (one stem a line per family), {@code signs.txt} (which families make which sign) and
 * {@code affixes.txt} (the derivations the families are matched through, on top of the stems that {@code text}
 * gives every word for search). Families are compiled into one index by key, so a word costs a few look-ups
 * however many families there are.
 */
final class SignFamilies {

    /** One family of a sign; {@code lost}: the word counts only when the child cannot do it («ما يقدر يمسك»). */
    record Part(int family, boolean lost) {
    }

    /**
     * A sign: all its parts within one clause make a report of {@code category}, unless the clause holds a cue of
     * the words.txt section {@code unless} («لسه», «still»: a milestone not reached is no sign).
     */
    record Sign(String category, List<Part> parts, String unless, String source) {

        boolean lost() {
            return parts.stream().anyMatch(Part::lost);
        }
    }

    /** Arabizi skeletons shorter than this match only in a word written with a digit letter («3en», «7ala2»). */
    private static final int MIN_SKELETON = 3;
    private static final int MIN_STEM = 3;

    private final List<String> names;
    private final Map<String, BitSet> arabic;
    private final Map<String, BitSet> latin;
    private final Map<String, BitSet> arabizi;
    private final Map<String, BitSet> exact;
    private final List<Sign> signs;
    private final Affixes affixes;

    private record Affix(String strip, String restore) {
    }

    /** {@code underived}: Arabic words of their own that look like a prefix on a family stem («مصدر», no «صدر»). */
    private record Affixes(List<Affix> arabicPrefixes, List<Affix> arabicSuffixes, List<Affix> latinPrefixes,
            List<Affix> latinSuffixes, Set<String> underived) {
    }

    private SignFamilies(List<String> names, Map<String, BitSet> arabic, Map<String, BitSet> latin,
            Map<String, BitSet> arabizi, Map<String, BitSet> exact, List<Sign> signs, Affixes affixes) {
        this.exact = exact;
        this.names = names;
        this.arabic = arabic;
        this.latin = latin;
        this.arabizi = arabizi;
        this.signs = signs;
        this.affixes = affixes;
    }

    static SignFamilies bundled() {
        return parse(lines("families.txt"), lines("signs.txt"), lines("affixes.txt"));
    }

    static SignFamilies parse(List<String> familyLines, List<String> signLines, List<String> affixLines) {
        Map<String, List<String>> affixSections = sections("affixes.txt", affixLines);
        Affixes affixes = new Affixes(affixes(affixSections, "arabic-prefix", true),
                affixes(affixSections, "arabic-suffix", true), affixes(affixSections, "latin-prefix", false),
                affixes(affixSections, "latin-suffix", false), affixSections.getOrDefault("underived", List.of())
                        .stream().map(word -> ArabicNormalizer.loose(ArabicNormalizer.normalize(word)))
                        .collect(Collectors.toUnmodifiableSet()));
        Map<String, List<String>> families = sections("families.txt", familyLines);
        List<String> names = new ArrayList<>(families.keySet());
        Map<String, BitSet> arabic = new HashMap<>();
        Map<String, BitSet> latin = new HashMap<>();
        Map<String, BitSet> arabizi = new HashMap<>();
        Map<String, BitSet> exact = new HashMap<>();
        for (int f = 0; f < names.size(); f++) {
            for (String entry : families.get(names.get(f))) {
                String where = "families.txt [" + names.get(f) + "] " + entry;
                if (entry.contains("*") || entry.contains("…")) {
                    throw new IllegalStateException(where + ": stems only, no globs (affixes.txt derives the forms)");
                }
                if (entry.startsWith("=")) {
                    // A form that must not be stemmed: «بلع» (he swallowed) is no «يبلع» (he swallows).
                    String form = ArabicNormalizer.normalize(entry.substring(1));
                    add(exact, ArabiziTransliterator.isLatin(TextReader.latinLetters(form))
                            ? TextReader.latinLetters(form) : ArabicNormalizer.loose(form), f);
                    continue;
                }
                if (entry.startsWith("~")) {
                    List<String> skeletons = ArabiziTransliterator.wholeWordSkeletons(TextReader.latinLetters(entry.substring(1)));
                    boolean digit = entry.chars().anyMatch(Character::isDigit);
                    boolean any = false;
                    for (String skeleton : skeletons) {
                        if (skeleton.length() >= MIN_SKELETON || skeleton.length() == 2 && digit) {
                            add(arabizi, skeleton, f);
                            any = true;
                        }
                    }
                    if (!any) {
                        throw new IllegalStateException(where + ": an Arabizi stem needs three consonants, or two and a digit letter");
                    }
                    continue;
                }
                String normalized = ArabicNormalizer.normalize(entry);
                if (ArabiziTransliterator.isLatin(TextReader.latinLetters(normalized))) {
                    add(latin, TextReader.latinLetters(normalized), f);
                } else {
                    add(arabic, ArabicNormalizer.loose(normalized), f);
                }
            }
        }
        List<Sign> signs = new ArrayList<>();
        for (int i = 0; i < signLines.size(); i++) {
            String line = uncommented(signLines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String source = "signs.txt:" + (i + 1);
            String[] sides = line.split("=", 2);
            if (sides.length != 2) {
                throw new IllegalStateException(source + ": expected «category = family + family»");
            }
            String category = sides[0].strip();
            if (!SafetyLexicon.CATEGORIES.contains(category)) {
                throw new IllegalStateException(source + ": unknown category " + category);
            }
            String[] except = sides[1].split(" - ", 2);
            String unless = except.length > 1 ? except[1].strip() : null;
            List<Part> parts = new ArrayList<>();
            for (String raw : except[0].split("\\+")) {
                String name = raw.strip();
                boolean lost = name.endsWith("!");
                name = lost ? name.substring(0, name.length() - 1).strip() : name;
                int family = names.indexOf(name);
                if (family < 0) {
                    throw new IllegalStateException(source + ": no family [" + name + "] in families.txt");
                }
                parts.add(new Part(family, lost));
            }
            signs.add(new Sign(category, List.copyOf(parts), unless, source));
        }
        return new SignFamilies(List.copyOf(names), arabic, latin, arabizi, exact, List.copyOf(signs), affixes);
    }

    List<Sign> signs() {
        return signs;
    }

    String name(int family) {
        return names.get(family);
    }

    int familyCount() {
        return names.size();
    }

    /** The families a word belongs to, through its stems and the affix rules. */
    BitSet familiesOf(Word word) {
        BitSet out = new BitSet();
        if (word.text().length() > TextReader.LONGEST_WORD) {
            return out;
        }
        or(out, exact.get(word.latin() ? word.text() : word.loose()));
        if (word.bare() != null) {
            or(out, exact.get(word.bare()));
        }
        if (word.latin()) {
            boolean digit = word.text().chars().anyMatch(Character::isDigit);
            // Arabizi is read through the same clitics as the Latin stems («w-3eno», «by-etnafes»).
            // «rasso», «kteeer»: also as typed loosely, a doubled letter once.
            Set<String> keys = new LinkedHashSet<>(latinKeys(word.text()));
            keys.addAll(latinKeys(word.loose()));
            for (String key : keys) {
                or(out, latin.get(key));
                for (String skeleton : ArabiziTransliterator.wholeWordSkeletons(key)) {
                    if (skeleton.length() >= MIN_SKELETON || skeleton.length() == 2 && digit) {
                        or(out, arabizi.get(skeleton));
                    }
                }
            }
            return out;
        }
        Set<String> stems = new LinkedHashSet<>();
        for (String variant : word.variants()) {
            stems.add(ArabicNormalizer.loose(variant));
        }
        stems.add(word.loose());
        if (word.bare() != null) {
            stems.add(word.bare());
        }
        // «مصدره» (its source) is a word of its own: read whole, never as «م» + «صدر» (chest).
        boolean underived = stems.stream().anyMatch(affixes.underived()::contains);
        for (String stem : stems) {
            or(out, arabic.get(stem));
            List<String> forms = underived ? List.of()
                    : derived(stem, affixes.arabicPrefixes(), affixes.arabicSuffixes());
            for (String derived : forms) {
                or(out, arabic.get(derived));
            }
        }
        return out;
    }

    private List<String> latinKeys(String word) {
        List<String> keys = new ArrayList<>();
        keys.add(word);
        for (String key : derived(word, affixes.latinPrefixes(), affixes.latinSuffixes())) {
            keys.add(key);
            int n = key.length();
            // «blurry», «sitting», «wetting»: the consonant doubled before the suffix is one.
            if (n >= 4 && key.charAt(n - 1) == key.charAt(n - 2)) {
                keys.add(key.substring(0, n - 1));
            }
        }
        return keys;
    }

    /** The word without one derivational prefix, one suffix, or both; never shorter than a stem. */
    private static List<String> derived(String word, List<Affix> prefixes, List<Affix> suffixes) {
        List<String> out = new ArrayList<>();
        List<String> cores = new ArrayList<>();
        cores.add(word);
        for (Affix prefix : prefixes) {
            if (word.startsWith(prefix.strip()) && word.length() - prefix.strip().length() >= MIN_STEM) {
                String core = prefix.restore() + word.substring(prefix.strip().length());
                out.add(core);
                cores.add(core);
            }
        }
        for (String core : cores) {
            for (Affix suffix : suffixes) {
                if (core.endsWith(suffix.strip()) && core.length() - suffix.strip().length() >= MIN_STEM) {
                    out.add(core.substring(0, core.length() - suffix.strip().length()) + suffix.restore());
                }
            }
        }
        return out;
    }

    private static void or(BitSet out, BitSet families) {
        if (families != null) {
            out.or(families);
        }
    }

    private static void add(Map<String, BitSet> index, String key, int family) {
        index.computeIfAbsent(key, k -> new BitSet()).set(family);
    }

    /** {@code strip=restore} lines: «ies=y» turns «cries» into «cry»; a plain line strips and restores nothing. */
    private static List<Affix> affixes(Map<String, List<String>> sections, String name, boolean arabicScript) {
        List<Affix> out = new ArrayList<>();
        for (String line : sections.getOrDefault(name, List.of())) {
            String[] sides = line.split("=", 2);
            String strip = sides[0].strip();
            String restore = sides.length > 1 ? sides[1].strip() : "";
            if (arabicScript) {
                strip = ArabicNormalizer.loose(ArabicNormalizer.normalize(strip));
                restore = ArabicNormalizer.loose(ArabicNormalizer.normalize(restore));
            }
            out.add(new Affix(strip, restore));
        }
        // Longest first, so that «بيت» is tried before «ب».
        out.sort((a, b) -> Integer.compare(b.strip().length(), a.strip().length()));
        return List.copyOf(out);
    }

    private static Map<String, List<String>> sections(String name, List<String> lines) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = uncommented(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                if (sections.containsKey(section)) {
                    throw new IllegalStateException(name + ":" + (i + 1) + ": [" + section + "] twice");
                }
                sections.put(section, new ArrayList<>());
                continue;
            }
            if (section == null) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": a line before any [section]");
            }
            for (String word : line.split("\\s+")) {
                sections.get(section).add(word);
            }
        }
        return sections;
    }

    private static String uncommented(String line) {
        int comment = line.indexOf('#');
        return (comment >= 0 ? line.substring(0, comment) : line).strip();
    }

    private static List<String> lines(String name) {
        String resource = "/safety/" + name;
        try (InputStream in = SignFamilies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
