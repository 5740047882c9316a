package org.sanad.telegram;

import java.util.LinkedHashMap;
import org.springframework.stereotype.Component;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the inline buttons of recent replies stand for. callback_data holds at most 64 bytes, so a button carries a
 * short key into this bounded memory; a button older than the memory (or than a restart) is answered as expired.
 * It holds clinic texts and flags only, never a parent's words.
 */
@Component
class ButtonMemory {

    enum Rating { COUNTED, ALREADY_RATED, UNKNOWN }

    // A random start: a button from before a restart does not hit a new reply's key.
    private final AtomicLong nextKey = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41));
    private final Map<String, String> questions;
    private final Map<String, Boolean> rated;

    ButtonMemory() {
        this(10_000);
    }

    ButtonMemory(int size) {
        this.questions = bounded(size);
        this.rated = bounded(size);
    }

    /** A key for a "did you mean" button that asks {@code question} when tapped. */
    String rememberQuestion(String question) {
        String key = newKey();
        synchronized (questions) {
            questions.put(key, question);
        }
        return key;
    }

    Optional<String> question(String key) {
        synchronized (questions) {
            return Optional.ofNullable(questions.get(key));
        }
    }

    /** A key for the 👍/👎 buttons of one reply. */
    String newFeedbackKey() {
        String key = newKey();
        synchronized (rated) {
            rated.put(key, false);
        }
        return key;
    }

    /** Each reply counts one rating; the second tap and taps on forgotten replies are not counted. */
    Rating rate(String key) {
        synchronized (rated) {
            Boolean before = rated.get(key);
            if (before == null) {
                return Rating.UNKNOWN;
            }
            if (before) {
                return Rating.ALREADY_RATED;
            }
            rated.put(key, true);
            return Rating.COUNTED;
        }
    }

    private String newKey() {
        return Long.toString(nextKey.incrementAndGet(), Character.MAX_RADIX);
    }

    private static <V> Map<String, V> bounded(int size) {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        };
    }
}
