-- Portable SQL: runs unchanged on H2 2.x (the embedded default) and PostgreSQL 15.
-- Relays in a forum staff group go to the conversation's topic, and copies answer the conversation's header, through
-- the outbox like every other proactive message.
ALTER TABLE outbox_body ADD COLUMN thread_id INT;     -- a forum topic of the destination chat
ALTER TABLE outbox_body ADD COLUMN reply_to BIGINT;   -- the destination chat's message it answers
