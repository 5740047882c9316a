package org.sanad.knowledge.ingest;

import org.sanad.text.ArabicNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads every document under the knowledge folder. A file that cannot be used is named in a warning and
 * skipped; it never stops the others from being served.
 */
public final class KnowledgeLoader {

    /** What the folder holds now. */
    public record KnowledgeContent(List<Passage> passages, int documents, List<String> warnings, String contentHash) {
    }

    public static final String SYNONYMS_FILE = "synonyms.txt";
    /** Longer than this does not fit one Telegram message with its source and the doctor note. */
    static final int LONGEST_PASSAGE = 3500;

    private final KnowledgeDocumentParser parser = new KnowledgeDocumentParser();

    public KnowledgeContent load(Path folder, String analysisVersion) {
        if (!Files.isDirectory(folder)) {
            throw new KnowledgeUnavailableException("the knowledge folder does not exist: " + folder);
        }
        MessageDigest digest = sha256();
        digest.update(analysisVersion.getBytes(StandardCharsets.UTF_8));
        List<Passage> passages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int documents = 0;
        for (Path file : files(folder)) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.equals("readme.md")) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                warnings.add(relative + ": cannot be read (" + e.getClass().getSimpleName() + "), skipped");
                continue;
            }
            digest.update(relative.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            if (name.equals(SYNONYMS_FILE)) {
                continue;
            }
            if (!(name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt"))) {
                warnings.add(relative + ": unknown file type, skipped (use .md or .txt)");
                continue;
            }
            String content;
            try {
                content = decodeStrictly(bytes);
            } catch (CharacterCodingException e) {
                warnings.add(relative + ": not UTF-8 text, skipped (save it as UTF-8)");
                continue;
            }
            if (content.isBlank()) {
                warnings.add(relative + ": empty, skipped");
                continue;
            }
            KnowledgeDocumentParser.ParsedDocument parsed = parser.parse(relative, content);
            parsed.warnings().forEach(w -> warnings.add(relative + ": " + w));
            int kept = 0;
            for (Passage passage : parsed.passages()) {
                if (!seen.add(ArabicNormalizer.normalize(passage.text()))) {
                    warnings.add(relative + ": duplicate passage skipped («" + preview(passage.text()) + "»)");
                    continue;
                }
                if (passage.text().length() > LONGEST_PASSAGE) {
                    warnings.add(relative + ": passage " + passage.id() + " is " + passage.text().length()
                            + " characters, too long for one Telegram message; split it");
                }
                passages.add(passage);
                kept++;
            }
            if (kept == 0) {
                warnings.add(relative + ": no passage found");
            } else {
                documents++;
            }
        }
        return new KnowledgeContent(passages, documents, warnings, HexFormat.of().formatHex(digest.digest()));
    }

    /** The same hash as {@link #load} gives, without parsing anything: cheap enough to poll. */
    public String contentHash(Path folder, String analysisVersion) {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        MessageDigest digest = sha256();
        digest.update(analysisVersion.getBytes(StandardCharsets.UTF_8));
        for (Path file : files(folder)) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            if (file.getFileName().toString().equalsIgnoreCase("readme.md")) {
                continue;
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                digest.update(relative.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            } catch (IOException e) {
                digest.update(("unreadable:" + relative).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> folder.relativize(p).toString().replace('\\', '/').chars().noneMatch(c -> c == '~')
                            && Stream.of(folder.relativize(p).toString().split("[/\\\\]")).noneMatch(s -> s.startsWith(".")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decodeStrictly(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String preview(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
