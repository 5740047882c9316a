package org.sanad.knowledge.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanad.text.LanguageResources;
import org.sanad.text.MessageText;
import org.sanad.text.TextReader;
import org.sanad.text.Word;

/** The risk and danger topics of {@code language/topics.txt}, read as messages are. */
final class Topics {

    private final Map<String, List<Word>> wordsBySection;
    /** Each harm phrase as the stems its words may take. */
    private final List<List<Set<String>>> harm;

    private Topics(Map<String, List<Word>> wordsBySection, List<List<Set<String>>> harm) {
        this.wordsBySection = wordsBySection;
        this.harm = harm;
    }

    static Topics bundled() {
        TextReader reader = new TextReader(LanguageResources.bundled());
        Map<String, List<Word>> sections = new LinkedHashMap<>();
        List<List<Set<String>>> harm = new ArrayList<>();
        String section = null;
        for (String raw : lines()) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            MessageText phrase = reader.read(line);
            sections.computeIfAbsent(section, k -> new ArrayList<>()).addAll(phrase.words());
            if ("harm".equals(section)) {
                harm.add(phrase.words().stream().map(w -> (Set<String>) new HashSet<>(w.variants())).toList());
            }
        }
        return new Topics(sections, harm);
    }

    /** The risk words, and those of each category found. */
    List<Word> riskWords(List<String> categories) {
        List<Word> out = new ArrayList<>(wordsBySection.getOrDefault("risk", List.of()));
        categories.forEach(c -> out.addAll(wordsBySection.getOrDefault("category:" + c, List.of())));
        return out;
    }

    /** True when a passage with these terms names a harm. */
    boolean namesDanger(Set<String> passageTerms) {
        return harm.stream().anyMatch(phrase -> phrase.stream().allMatch(w -> w.stream().anyMatch(passageTerms::contains)));
    }

    private static List<String> lines() {
        try (InputStream in = Topics.class.getResourceAsStream("/language/topics.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing /language/topics.txt");
            }
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
