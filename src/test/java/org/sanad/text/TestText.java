package org.sanad.text;

/** The application's reader of messages, for tests. */
public final class TestText {

    private static final TextReader READER = new TextReader(LanguageResources.bundled());

    private TestText() {
    }

    public static TextReader reader() {
        return READER;
    }

    public static MessageText read(String message) {
        return READER.read(message);
    }
}
