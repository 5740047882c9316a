package org.sanad.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One row of {@code safety/triage-cases.tsv}: what the detector must decide about a parent's message. */
record TriageCase(int line, Triage.Level level, String category, String dialect, String text) {

    static final String FILE = "/safety/triage-cases.tsv";

    static List<TriageCase> all() {
        try (InputStream in = TriageCase.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + FILE);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<TriageCase> cases = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("level\t")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 4) {
                    throw new IllegalStateException(FILE + ":" + (i + 1) + ": expected 4 tab-separated fields");
                }
                cases.add(new TriageCase(i + 1, Triage.Level.valueOf(fields[0]), fields[1], fields[2], fields[3]));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return level + " " + category + " [" + dialect + "] " + text;
    }
}
