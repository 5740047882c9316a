package org.sanad.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word lists behind Arabic analysis, kept as data under {@code /language} so that linguists and admins can
 * change them without touching code. Everything is normalised on load, so the files may be written naturally.
 */
public final class LanguageResources {

    /** One synonym rule: any of {@code from} (each a phrase of words) adds the words of every {@code to}. */
    public record SynonymRule(List<List<String>> from, List<List<String>> to) {
    }

    private final Set<String> stopWords;
    private final List<List<String>> stopPhrases;
    private final Set<String> weakWords;
    private final Set<String> generalWords;
    private final Set<String> anchorWords;
    private final Set<String> openAnchorWords;
    private final Map<String, String> lemmas;
    private final List<SynonymRule> synonyms;
    private final Map<String, List<String>> latinLexicon;
    private final Map<String, Set<String>> chitchat;
    private final Set<String> clauseOpeners;
    private final Map<String, List<String>> dialectLexicon;

    private LanguageResources(Set<String> stopWords, List<List<String>> stopPhrases, Set<String> weakWords,
            Set<String> generalWords, Set<String> anchorWords, Set<String> openAnchorWords, Map<String, String> lemmas, List<SynonymRule> synonyms,
            Map<String, List<String>> latinLexicon, Map<String, Set<String>> chitchat, Set<String> clauseOpeners,
            Map<String, List<String>> dialectLexicon) {
        this.dialectLexicon = dialectLexicon;
        this.stopWords = stopWords;
        this.stopPhrases = stopPhrases;
        this.weakWords = weakWords;
        this.generalWords = generalWords;
        this.anchorWords = anchorWords;
        this.openAnchorWords = openAnchorWords;
        this.lemmas = lemmas;
        this.synonyms = synonyms;
        this.latinLexicon = latinLexicon;
        this.chitchat = chitchat;
        this.clauseOpeners = clauseOpeners;
    }

    /** The bundled lists alone. */
    public static LanguageResources bundled() {
        return load(null);
    }

    /** The bundled lists, plus the admins' own synonyms file when it exists. */
    public static LanguageResources load(Path adminSynonyms) {
        List<String> stopLines = lines(classpath("stopwords.txt"));
        Set<String> stop = new HashSet<>();
        List<List<String>> stopPhrases = new ArrayList<>();
        for (String line : stopLines) {
            List<String> words = words(line);
            if (words.size() == 1) {
                stop.add(words.get(0));
            } else if (words.size() > 1) {
                stopPhrases.add(words);
            }
        }
        Map<String, String> lemmas = new HashMap<>();
        for (String line : lines(classpath("lemmas.txt"))) {
            String[] sides = line.split("=>", -1);
            if (sides.length != 2) {
                continue;
            }
            String lemma = ArabicNormalizer.normalize(sides[1].trim());
            for (String form : sides[0].split(",")) {
                lemmas.put(ArabicNormalizer.normalize(form.trim()), lemma);
            }
        }
        List<SynonymRule> synonyms = new ArrayList<>(parseSynonyms(lines(classpath("synonyms.txt"))));
        Set<String> weak = wordSet("weak-words.txt");
        Set<String> general = wordSet("general-words.txt");
        Set<String> anchors = wordSet("anchors.txt");
        if (adminSynonyms != null && Files.isRegularFile(adminSynonyms)) {
            try {
                synonyms.addAll(parseSynonyms(Files.readAllLines(adminSynonyms, StandardCharsets.UTF_8)));
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("cannot read " + adminSynonyms.getFileName() + ": " + e.getMessage(), e);
            }
        }
        Map<String, List<String>> latin = new HashMap<>();
        for (String line : lines(classpath("latin.txt"))) {
            String[] sides = line.split("=>", -1);
            if (sides.length != 2) {
                continue;
            }
            List<String> target = words(sides[1]);
            for (String form : sides[0].split(",")) {
                String key = String.join(" ", words(form));
                if (!key.isEmpty()) {
                    latin.put(key, target);
                }
            }
        }
        // The everyday lexicon comes after every hand-written list, which wins where both know a word.
        Set<String> handWritten = new HashSet<>(stop);
        handWritten.addAll(weak);
        handWritten.addAll(general);
        anchors.forEach(a -> handWritten.add(a.replace("~", "")));
        synonyms.forEach(rule -> rule.from().forEach(phrase -> handWritten.add(String.join(" ", phrase))));
        Map<String, List<String>> lexicon = dialectLexicon(lines(classpath(DIALECT_LEXICON)), handWritten, stop);
        for (String[] entry : tsv(lines(classpath(LATIN_LEXICON)))) {
            String key = String.join(" ", words(entry[0]));
            List<String> target = words(entry[1].split(",")[0]);
            if (!key.isEmpty() && !target.isEmpty() && !stop.contains(key)) {
                latin.putIfAbsent(key, target);
            }
        }
        Map<String, Set<String>> chitchat = new HashMap<>();
        String section = "greeting";
        for (String line : lines(classpath("chitchat.txt"))) {
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim();
                continue;
            }
            chitchat.computeIfAbsent(section, k -> new HashSet<>()).add(String.join(" ", words(line)));
        }
        return new LanguageResources(stop, stopPhrases, weak, general, anchors, openAnchors(), lemmas,
                synonyms, latin, chitchat, looseSet("clause-openers.txt"), lexicon);
    }

    /** The general dialect→MSA lexicon of everyday life (generated, see scripts/merge-dialect-lexicon.py). */
    static final String DIALECT_LEXICON = "dialect-msa.tsv";
    /** Its Arabizi and English forms, added to {@code latin.txt}'s (which wins). */
    static final String LATIN_LEXICON = "latin-msa.tsv";

    /**
     * Single dialect words and the MSA words they stand for, read through the same chain as messages. A form the
     * hand-written lists already know (filler, question and everyday words, anchors, synonyms) keeps their meaning.
     * A form whose MSA words are all filler words joins {@code stop}.
     */
    private static Map<String, List<String>> dialectLexicon(List<String> lines, Set<String> handWritten,
            Set<String> stop) {
        Map<String, List<String>> out = new HashMap<>();
        Set<String> fillers = new HashSet<>();
        for (String[] entry : tsv(lines)) {
            List<String> form = words(entry[0]);
            if (form.size() != 1 || handWritten.contains(form.get(0)) || out.containsKey(form.get(0))) {
                continue;
            }
            List<String> meanings = words(entry[1].replace(',', ' '));
            if (!meanings.isEmpty() && stop.containsAll(meanings)) {
                // «نحب», «اكدر», «خصني» mean "want", "can", "must": a filler in any dialect, as their MSA word is.
                fillers.add(form.get(0));
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (String target : entry[1].split(",")) {
                for (String word : words(target)) {
                    if (!stop.contains(word) && !targets.contains(word)) {
                        targets.add(word);
                    }
                }
            }
            if (!targets.isEmpty()) {
                out.put(form.get(0), List.copyOf(targets));
            }
        }
        stop.addAll(fillers);
        return Map.copyOf(out);
    }

    /** Lines of a tab-separated lexicon with at least a form and its targets. */
    private static List<String[]> tsv(List<String> lines) {
        List<String[]> out = new ArrayList<>();
        for (String line : lines) {
            String[] columns = line.split("\t");
            if (columns.length >= 2 && !columns[0].isBlank() && !columns[1].isBlank()) {
                out.add(columns);
            }
        }
        return out;
    }

    /**
     * The everyday dialect lexicon: a dialect word («بيزهق», «نحميه») → the MSA words it stands for. Search uses
     * it for words the documents do not have themselves.
     */
    public Map<String, List<String>> dialectLexicon() {
        return dialectLexicon;
    }

    private static List<SynonymRule> parseSynonyms(List<String> lines) {
        List<SynonymRule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = stripComment(raw);
            if (line.isEmpty()) {
                continue;
            }
            String[] sides = line.split("=>", -1);
            List<List<String>> from = phrases(sides[0]);
            List<List<String>> to = sides.length > 1 ? phrases(sides[1]) : from;
            if (!from.isEmpty() && !to.isEmpty()) {
                rules.add(new SynonymRule(from, to));
            }
        }
        return rules;
    }

    private static List<List<String>> phrases(String side) {
        List<List<String>> out = new ArrayList<>();
        for (String phrase : side.split(",")) {
            List<String> words = words(phrase);
            if (!words.isEmpty()) {
                out.add(words);
            }
        }
        return out;
    }

    /** The words of a list entry, cut as messages are; «=word» keeps its mark (this form only). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String chunk : text.trim().split("\\s+")) {
            boolean exact = chunk.startsWith(EXACT_MARK);
            List<String> words = TextReader.words(exact ? chunk.substring(EXACT_MARK.length()) : chunk);
            for (int i = 0; i < words.size(); i++) {
                out.add(exact && i == 0 ? EXACT_MARK + words.get(i) : words.get(i));
            }
        }
        return out;
    }

    /** The bundled files, for {@link #fingerprint()}. */
    private static final List<String> FILES = List.of("stopwords.txt", "weak-words.txt", "general-words.txt",
            "anchors.txt", "lemmas.txt", "synonyms.txt", "latin.txt", "chitchat.txt", "clause-openers.txt", DIALECT_LEXICON, LATIN_LEXICON);
    private static final String FINGERPRINT = fingerprintOf(FILES);

    /**
     * Changes whenever a bundled list changes: an index built with other lists is stale. (The clinic's own
     * synonyms are part of the knowledge folder, whose hash covers them.)
     */
    public String fingerprint() {
        return FINGERPRINT;
    }

    private static String fingerprintOf(List<String> files) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                digest.update(String.join("\n", classpath(file)).getBytes(StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a word of a rule that stands only for itself as written, not for its stems. */
    public static final String EXACT_MARK = "=";

    private static Set<String> looseSet(String name) {
        Set<String> out = new HashSet<>();
        for (String line : lines(classpath(name))) {
            words(line).forEach(w -> out.add(ArabicNormalizer.loose(w)));
        }
        return out;
    }

    /** Anchors marked «~»: they name the subject only when what follows them is not something else («حقنة الأنسولين»). */
    private static Set<String> openAnchors() {
        Set<String> out = new HashSet<>();
        for (String line : lines(classpath("anchors.txt"))) {
            if (line.startsWith("~")) {
                out.add(String.join(" ", words(line)));
            }
        }
        return out;
    }

    private static Set<String> wordSet(String name) {
        Set<String> out = new HashSet<>();
        for (String line : lines(classpath(name))) {
            out.add(String.join(" ", words(line)));
        }
        return out;
    }

    private static List<String> classpath(String name) {
        try (InputStream in = LanguageResources.class.getResourceAsStream("/language/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /language/" + name);
            }
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String line : raw) {
            String trimmed = stripComment(line);
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }

    public Set<String> stopWords() {
        return stopWords;
    }

    public List<List<String>> stopPhrases() {
        return stopPhrases;
    }

    public Set<String> weakWords() {
        return weakWords;
    }

    public Set<String> generalWords() {
        return generalWords;
    }

    public Set<String> anchorWords() {
        return anchorWords;
    }

    public Set<String> openAnchorWords() {
        return openAnchorWords;
    }

    public Map<String, String> lemmas() {
        return lemmas;
    }

    public List<SynonymRule> synonyms() {
        return synonyms;
    }

    public Map<String, List<String>> latinLexicon() {
        return latinLexicon;
    }

    public Set<String> chitchat(String section) {
        return chitchat.getOrDefault(section, Set.of());
    }

    /** Words that open a new clause («هل», «بس», «but»), in their loose form. */
    public Set<String> clauseOpeners() {
        return clauseOpeners;
    }
}
