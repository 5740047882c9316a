-- Portable SQL: runs unchanged on H2 2.x (the embedded default) and PostgreSQL 15.
-- What several replicas of Sanad behind one load balancer share through the database.

-- Each running replica, and until when it counts as alive; it renews this every few seconds. The work a replica had
-- claimed (Telegram updates) is taken over by the others once it is no longer alive.
CREATE TABLE sanad_replica (
    id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    alive_until TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Telegram updates, stored before Telegram is told they arrived (webhook: the 200; long polling: the next offset),
-- so that no update is lost when a replica dies. update_id is Telegram's: an update resent by Telegram is stored once.
-- PENDING -> CLAIMED (a replica is answering it; one per chat at a time, in update_id order) -> DONE. The update's
-- JSON is kept only until it is answered (body NULL afterwards); the rows stay a while for the flood limit.
CREATE TABLE telegram_inbox (
    update_id   BIGINT                   NOT NULL PRIMARY KEY,
    chat_id     BIGINT                   NOT NULL,
    user_id     BIGINT                   NOT NULL,
    urgent      BOOLEAN                  NOT NULL DEFAULT FALSE, -- triage found a danger sign or a crisis
    body        VARCHAR(1000000),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    claimed_by  VARCHAR(64),
    claimed_at  TIMESTAMP WITH TIME ZONE,
    verdict     VARCHAR(16),                                     -- the flood limit's: ALLOW, WARN, IGNORE
    done_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT telegram_inbox_status CHECK (status IN ('PENDING', 'CLAIMED', 'DONE'))
);
CREATE INDEX telegram_inbox_by_status ON telegram_inbox (status, chat_id, update_id);
CREATE INDEX telegram_inbox_by_chat ON telegram_inbox (chat_id, received_at);

-- What the inline buttons under Sanad's replies stand for, shared by every replica: a "did you mean" question (a text
-- of the clinic's documents) or a reply's 👍/👎. The key is random and bound to the chat it was sent to.
CREATE TABLE reply_button (
    button_key VARCHAR(32)              NOT NULL PRIMARY KEY,
    chat_id    BIGINT                   NOT NULL,
    kind       VARCHAR(16)              NOT NULL, -- QUESTION, FEEDBACK
    question   VARCHAR(4096),
    rated      BOOLEAN                  NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reply_button_by_time ON reply_button (created_at);
CREATE INDEX reply_button_by_chat ON reply_button (chat_id);

-- One row: how many times the knowledge index was rebuilt on purpose. Every replica rebuilds its own index (each has
-- its own under DATA_DIR, all read the one KNOWLEDGE_DIR) when the number moves past the one it last built.
CREATE TABLE knowledge_version (
    id         INT                      NOT NULL PRIMARY KEY,
    version    BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO knowledge_version (id, version, updated_at) VALUES (1, 0, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
