package org.sanad.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Splits one knowledge document into paragraph-sized passages. A list stays with the sentence that introduces
 * it; headings name the section of the passages under them and are never passages themselves; a paragraph that
 * is only a link points elsewhere and answers nothing.
 */
final class KnowledgeDocumentParser {

    /** A parsed document: its title, passages, and what an admin should fix. */
    record ParsedDocument(String title, List<Passage> passages, List<String> warnings) {
    }

    private static final String QUESTIONS_MARKER = "questions";
    private static final int CAPTION_MAX_WORDS = 12;

    private final Parser markdown = Parser.builder().extensions(List.of(YamlFrontMatterExtension.create())).build();

    ParsedDocument parse(String relativePath, String content) {
        String lower = relativePath.toLowerCase(Locale.ROOT);
        String fallbackTitle = titleFromFileName(relativePath);
        Builder builder = new Builder(relativePath, fallbackTitle);
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            parseMarkdown(content, builder);
        } else {
            parseText(content, builder);
        }
        return builder.build();
    }

    private void parseMarkdown(String content, Builder builder) {
        Node document = markdown.parse(content);
        YamlFrontMatterVisitor frontMatter = new YamlFrontMatterVisitor();
        document.accept(frontMatter);
        Map<String, List<String>> data = frontMatter.getData();
        if (data.containsKey("title") && !data.get("title").isEmpty()) {
            builder.title = unquote(data.get("title").get(0));
        }
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                String text = inlineText(heading).trim();
                if (heading.getLevel() == 1) {
                    // The front matter's title wins; a level-one heading under it only repeats it.
                    if (!data.containsKey("title")) {
                        builder.title = text;
                    }
                    builder.section("");
                } else {
                    builder.section(text);
                }
            } else if (node instanceof Paragraph paragraph) {
                if (isOnlyALink(paragraph)) {
                    continue;
                }
                builder.paragraph(inlineText(paragraph).trim());
            } else if (node instanceof ListBlock list) {
                List<String> items = new ArrayList<>();
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem) {
                        items.add(blockText(item).trim());
                    }
                }
                builder.list(items);
            } else if (node instanceof BlockQuote quote) {
                builder.paragraph(blockText(quote).trim());
            } else if (node instanceof HtmlBlock html) {
                builder.questionsBlock(html.getLiteral());
            }
        }
    }

    /** Plain text: one paragraph or list item a line; short lines without final punctuation are headings. */
    private void parseText(String content, Builder builder) {
        List<String> lines = content.lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            if (isListItem(line)) {
                builder.list(List.of(line.substring(1).strip()));
            } else if (looksLikeHeading(line)) {
                builder.section(line);
            } else if (builder.open != null && isLinkCaption(line, nextNonEmpty(lines, i))) {
                builder.warnings.add("skipped a short line before a heading, read as a link caption: «" + line + "»");
            } else {
                builder.paragraph(line);
            }
        }
    }

    private static String nextNonEmpty(List<String> lines, int i) {
        for (int k = i + 1; k < lines.size(); k++) {
            if (!lines.get(k).isEmpty()) {
                return lines.get(k);
            }
        }
        return null;
    }

    private static boolean isListItem(String line) {
        return line.length() > 2 && "-*•–".indexOf(line.charAt(0)) >= 0 && Character.isWhitespace(line.charAt(1));
    }

    static boolean looksLikeHeading(String line) {
        char last = line.charAt(line.length() - 1);
        return wordCount(line) <= 10 && ".!?؟:؛،,;".indexOf(last) < 0;
    }

    /**
     * Pages copied from the web keep their «read also» links as lone short sentences closing a section, after its
     * content. Markdown says what a link is; plain text can only be guessed, and the guess is reported.
     */
    private static boolean isLinkCaption(String line, String next) {
        return wordCount(line) < CAPTION_MAX_WORDS && !line.endsWith(":") && (next == null || looksLikeHeading(next));
    }

    private static int wordCount(String line) {
        return line.isBlank() ? 0 : line.trim().split("\\s+").length;
    }

    private static boolean isOnlyALink(Paragraph paragraph) {
        Node only = paragraph.getFirstChild();
        return only instanceof Link && only.getNext() == null;
    }

    private static String inlineText(Node parent) {
        StringBuilder out = new StringBuilder();
        parent.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                out.append('\n');
            }
        });
        return out.toString();
    }

    private static String blockText(Node parent) {
        List<String> parts = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            parts.add(child instanceof Block && !(child instanceof Paragraph) ? blockText(child) : inlineText(child));
        }
        return String.join("\n", parts);
    }

    private static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    static String titleFromFileName(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('-', ' ').replace('_', ' ').trim();
    }

    /** Collects passages in document order. */
    private static final class Builder {

        private final String relativePath;
        private final List<String> warnings = new ArrayList<>();
        private final List<Draft> drafts = new ArrayList<>();
        private String title;
        private String section = "";
        private Draft open;

        private Builder(String relativePath, String fallbackTitle) {
            this.relativePath = relativePath;
            this.title = fallbackTitle;
        }

        void section(String heading) {
            section = heading;
            open = null;
        }

        void paragraph(String text) {
            if (text.isBlank()) {
                return;
            }
            open = new Draft(section, text);
            drafts.add(open);
        }

        void list(List<String> items) {
            List<String> kept = items.stream().filter(s -> !s.isBlank()).toList();
            if (kept.isEmpty()) {
                return;
            }
            // A list belongs to the sentence that introduces it, or to the list just before it.
            if (open != null && (open.text.strip().endsWith(":") || open.listed)) {
                open.appendItems(kept);
            } else {
                open = new Draft(section, "");
                open.appendItems(kept);
                drafts.add(open);
            }
        }

        void questionsBlock(String html) {
            String body = html.strip();
            if (!body.startsWith("<!--") || !body.endsWith("-->")) {
                return;
            }
            List<String> lines = body.substring(4, body.length() - 3).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty() || !lines.get(0).toLowerCase(Locale.ROOT).startsWith(QUESTIONS_MARKER)) {
                return;
            }
            if (open == null) {
                warnings.add("example questions with no passage before them were ignored");
                return;
            }
            for (String line : lines.subList(1, lines.size())) {
                String question = line.replaceFirst("^[-*•]\\s*", "").strip();
                if (!question.isEmpty()) {
                    open.questions.add(question);
                }
            }
        }

        ParsedDocument build() {
            List<Passage> passages = new ArrayList<>();
            String base = relativePath.replace('\\', '/');
            for (Draft draft : drafts) {
                passages.add(new Passage(base + "#" + (passages.size() + 1), title, draft.section, draft.text.strip(),
                        "knowledge/" + base, draft.questions));
            }
            return new ParsedDocument(title, passages, warnings);
        }
    }

    private static final class Draft {

        private final String section;
        private final List<String> questions = new ArrayList<>();
        private String text;
        private boolean listed;

        Draft(String section, String text) {
            this.section = section;
            this.text = text;
        }

        void appendItems(List<String> items) {
            StringBuilder out = new StringBuilder(text);
            for (String item : items) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append("- ").append(item);
            }
            text = out.toString();
            listed = true;
        }
    }
}
