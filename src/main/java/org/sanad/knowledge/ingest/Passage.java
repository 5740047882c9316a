package org.sanad.knowledge.ingest;

import java.util.List;

/**
 * A paragraph-sized answer from a knowledge document, with where it came from.
 *
 * @param id        stable across reindexing while the document keeps its name and order
 * @param title     the document's title
 * @param section   the heading the passage sits under, or empty
 * @param text      the clinic's words, unchanged
 * @param source    the file, as {@code knowledge/<path>}
 * @param questions example questions that an admin wrote for this passage
 */
public record Passage(String id, String title, String section, String text, String source, List<String> questions) {

    public Passage {
        questions = List.copyOf(questions);
    }

    /** The title and section as a parent reads them: «title — section». */
    public String heading() {
        return section.isBlank() || section.equals(title) ? title : title + " — " + section;
    }
}
