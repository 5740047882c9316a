package org.sanad.telegram;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanad.storage.Replicas;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the inline buttons of recent replies stand for. callback_data holds at most 64 bytes, so a button carries a
 * short key into this memory. A key is random (96 bits: nobody guesses another parent's) and bound to the chat it was
 * sent to: a tap that arrives from another chat is answered as expired and counts nothing. In the application the
 * memory is the database, so that a tap reaches the same answer on whichever replica handles it; a button older than
 * the memory is answered as expired. It holds clinic texts and flags only, never a parent's words.
 */
@Component
class ButtonMemory {

    enum Rating { COUNTED, ALREADY_RATED, UNKNOWN }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Buttons older than this are forgotten; nobody rates a reply from last season. */
    static final Duration KEPT = Duration.ofDays(30);
    private static final int PRUNE_ONE_IN = 500;

    private final Store store;

    /** In memory only, bounded: for tests of the rendering without a database. */
    ButtonMemory() {
        this.store = new MemoryStore(10_000);
    }

    @Autowired
    ButtonMemory(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.store = new DatabaseStore(jdbc, new TransactionTemplate(transactions));
    }

    /** The keys of one reply's buttons: its "did you mean" questions, in order, and its 👍/👎 (null: none). */
    record ReplyKeys(List<String> questions, String feedback) {
    }

    /** Every button of one reply in {@code chatId}, remembered together (one commit). */
    ReplyKeys remember(long chatId, List<String> questions, boolean feedback) {
        if (questions.isEmpty() && !feedback) {
            return new ReplyKeys(List.of(), null);
        }
        return store.inOneGo(() -> {
            List<String> keys = new java.util.ArrayList<>();
            questions.forEach(question -> keys.add(rememberQuestion(chatId, question)));
            return new ReplyKeys(keys, feedback ? newFeedbackKey(chatId) : null);
        });
    }

    /** A key for a "did you mean" button in {@code chatId} that asks {@code question} when tapped. */
    String rememberQuestion(long chatId, String question) {
        String key = newKey();
        store.put(key, chatId, question);
        return key;
    }

    Optional<String> question(String key, long chatId) {
        return store.question(key, chatId);
    }

    /** A key for the 👍/👎 buttons of one reply in {@code chatId}. */
    String newFeedbackKey(long chatId) {
        String key = newKey();
        store.put(key, chatId, null);
        return key;
    }

    /** Each reply counts one rating, from its own chat; a second tap and taps on forgotten replies count nothing. */
    Rating rate(String key, long chatId) {
        return store.rate(key, chatId);
    }

    /** Buttons older than {@link #KEPT}. */
    void prune() {
        store.prune(Instant.now().minus(KEPT));
    }

    /** /forget: the chat's buttons go too. */
    void forget(long chatId) {
        store.forget(chatId);
    }

    private static String newKey() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private interface Store {
        default <T> T inOneGo(java.util.function.Supplier<T> work) {
            return work.get();
        }

        void put(String key, long chatId, String question);

        Optional<String> question(String key, long chatId);

        Rating rate(String key, long chatId);

        void prune(Instant before);

        void forget(long chatId);
    }

    private static final class DatabaseStore implements Store {

        private final JdbcClient jdbc;
        private final TransactionTemplate transactions;

        DatabaseStore(JdbcClient jdbc, TransactionTemplate transactions) {
            this.jdbc = jdbc;
            this.transactions = transactions;
        }

        @Override
        public <T> T inOneGo(java.util.function.Supplier<T> work) {
            return transactions.execute(status -> work.get());
        }

        @Override
        public void put(String key, long chatId, String question) {
            if (RANDOM.nextInt(PRUNE_ONE_IN) == 0) {
                // now and then, rather than a scheduler of its own: old buttons go as new ones come
                prune(Instant.now().minus(KEPT));
            }
            jdbc.sql("INSERT INTO reply_button (button_key, chat_id, kind, question, rated, created_at) "
                            + "VALUES (?, ?, ?, ?, FALSE, ?)")
                    .params(key, chatId, question == null ? "FEEDBACK" : "QUESTION", question,
                            Replicas.at(Instant.now()))
                    .update();
        }

        @Override
        public Optional<String> question(String key, long chatId) {
            return jdbc.sql("SELECT question FROM reply_button WHERE button_key = ? AND chat_id = ? AND kind = 'QUESTION'")
                    .params(key, chatId).query(String.class).optional();
        }

        @Override
        public Rating rate(String key, long chatId) {
            // one statement: two taps at once, on two replicas, still count once
            if (jdbc.sql("UPDATE reply_button SET rated = TRUE WHERE button_key = ? AND chat_id = ? "
                    + "AND kind = 'FEEDBACK' AND rated = FALSE").params(key, chatId).update() == 1) {
                return Rating.COUNTED;
            }
            boolean known = jdbc.sql("SELECT COUNT(*) FROM reply_button WHERE button_key = ? AND chat_id = ? "
                    + "AND kind = 'FEEDBACK'").params(key, chatId).query(Long.class).single() > 0;
            return known ? Rating.ALREADY_RATED : Rating.UNKNOWN;
        }

        @Override
        public void prune(Instant before) {
            jdbc.sql("DELETE FROM reply_button WHERE created_at < ?").param(Replicas.at(before)).update();
        }

        @Override
        public void forget(long chatId) {
            jdbc.sql("DELETE FROM reply_button WHERE chat_id = ?").param(chatId).update();
        }
    }

    private static final class MemoryStore implements Store {

        private record Button(long chatId, String question, boolean rated) {
        }

        private final Map<String, Button> buttons;

        MemoryStore(int size) {
            this.buttons = new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Button> eldest) {
                    return size() > size;
                }
            };
        }

        @Override
        public synchronized void put(String key, long chatId, String question) {
            buttons.put(key, new Button(chatId, question, false));
        }

        @Override
        public synchronized Optional<String> question(String key, long chatId) {
            Button button = buttons.get(key);
            return button == null || button.chatId() != chatId ? Optional.empty() : Optional.ofNullable(button.question());
        }

        @Override
        public synchronized Rating rate(String key, long chatId) {
            Button button = buttons.get(key);
            if (button == null || button.chatId() != chatId || button.question() != null) {
                return Rating.UNKNOWN;
            }
            if (button.rated()) {
                return Rating.ALREADY_RATED;
            }
            buttons.put(key, new Button(chatId, null, true));
            return Rating.COUNTED;
        }

        @Override
        public synchronized void prune(Instant before) {
            // bounded by size already
        }

        @Override
        public synchronized void forget(long chatId) {
            buttons.values().removeIf(button -> button.chatId() == chatId);
        }
    }
}
