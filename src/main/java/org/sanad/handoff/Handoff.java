package org.sanad.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.sanad.audit.AuditLog;
import org.sanad.outbox.Outbox;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations between parents and the clinic's staff: a parent opens one, their messages are copied to the staff
 * group, a staff member's reply to the header or to any copy goes back to that parent (and only to them), and either
 * side, or a day of silence, ends it. Whether a reply is a staff member's is decided here ({@code BOT_STAFF_IDS});
 * staff actions are in the audit log. Only chat ids, message ids and times are stored.
 */
@Service
public class Handoff {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);
    /** Last outcomes remembered in memory, for the header: enough for a clinic's busy day, never a growing heap. */
    private static final int OUTCOMES_KEPT = 10_000;

    public enum Opening { OPENED, ALREADY_OPEN, UNAVAILABLE }

    /** What became of a message in the staff group. */
    public enum StaffMessage {
        /** Not about any conversation: the group's own chatter. */
        NOT_ROUTED,
        /** About a conversation, from someone who is not staff: not relayed. */
        NOT_STAFF,
        /** The conversation had ended: nothing was sent. */
        ALREADY_CLOSED,
        RELAYED,
        /** The messenger did not take the copy. */
        FAILED,
        CLOSED
    }

    /**
     * A message in the staff group, as routing reads it.
     *
     * @param replyTo             the message it answers, or null
     * @param repliedConversation the conversation the answered message names (Sanad's copies and header carry its
     *                            number in their button), or null; found even when the copy's own id is not known
     * @param topicId             its forum topic, or null
     */
    public record StaffPost(long chatId, long userId, long messageId, Long replyTo, Long repliedConversation,
            Integer topicId) {
    }

    /** The numbers for /stats; {@code medianFirstReply} is null until a conversation got a staff reply. */
    public record Stats(long opened, long closed, Duration medianFirstReply) {
    }

    /**
     * When staff will see the parent's messages.
     *
     * @param nextOpening null when staff are in now, or when the hours are unknown
     */
    public record Availability(ClinicHours hours, boolean openNow, ZonedDateTime nextOpening) {
    }

    private final Conversations conversations;
    private final HandoffProperties properties;
    private final Roles roles;
    private final AuditLog audit;
    private final ObjectProvider<ClinicLine> line;
    private final ObjectProvider<Outbox> outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<Long, String> lastOutcomes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > OUTCOMES_KEPT;
        }
    };

    @Autowired
    Handoff(Conversations conversations, HandoffProperties properties, Roles roles, AuditLog audit,
            ObjectProvider<ClinicLine> line, ObjectProvider<Outbox> outbox, TransactionTemplate transactions) {
        this(conversations, properties, roles, audit, line, outbox, transactions, Clock.systemUTC());
    }

    Handoff(Conversations conversations, HandoffProperties properties, Roles roles, AuditLog audit,
            ObjectProvider<ClinicLine> line, ObjectProvider<Outbox> outbox, TransactionTemplate transactions,
            Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.conversations = conversations;
        this.properties = properties;
        this.roles = roles;
        this.audit = audit;
        this.line = line;
        this.clock = clock;
    }

    /** A staff group is set: parents are offered the clinic. */
    public boolean configured() {
        return properties.staffChatId() != null;
    }

    /** The staff group, when one is configured. */
    public boolean isStaffChat(long chatId) {
        return properties.staffChatId() != null && properties.staffChatId() == chatId;
    }

    public Availability availability() {
        ClinicHours hours = properties.hours();
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(properties.zone()));
        if (!hours.known()) {
            return new Availability(hours, false, null);
        }
        boolean open = hours.isOpen(now);
        return new Availability(hours, open, open ? null : hours.nextOpening(now).orElse(null));
    }

    /** Remembers Sanad's last answer to a parent, for the header of a conversation they may open next. */
    public void answered(long parentChatId, String outcome) {
        synchronized (lastOutcomes) {
            lastOutcomes.put(parentChatId, outcome);
        }
    }

    /**
     * /clinic, or the button «أريد التحدث مع العيادة»: a header in the staff group, then the parent's messages.
     *
     * @param outcome Sanad's answer the button was under (it names it on whichever replica the tap arrives), or null:
     *                the last one this replica remembers
     */
    public Opening open(long parentChatId, String outcome) {
        ClinicLine messenger = line.getIfAvailable();
        Long staffChat = properties.staffChatId();
        if (staffChat == null || messenger == null) {
            return Opening.UNAVAILABLE;
        }
        if (outcome == null) {
            synchronized (lastOutcomes) {
                outcome = lastOutcomes.get(parentChatId);
            }
        }
        Instant now = clock.instant();
        Optional<Conversation> opened = conversations.open(parentChatId, staffChat, outcome, now);
        if (opened.isEmpty()) {
            return Opening.ALREADY_OPEN;
        }
        Conversation conversation = opened.get();
        Integer topic = null;
        if (messenger.isForum(staffChat)) {
            OptionalInt created = messenger.openTopic(staffChat, "#" + conversation.id());
            topic = created.isPresent() ? created.getAsInt() : null;
        }
        OptionalLong header = messenger.postHeader(staffChat, topic,
                new ClinicLine.Header(conversation.id(), parentChatId, now, outcome));
        if (header.isEmpty()) {
            log.warn("The staff group did not take the header of conversation {}; it is not opened",
                    conversation.id());
            conversations.discard(conversation.id());
            return Opening.UNAVAILABLE;
        }
        conversations.placed(conversation.id(), topic, header.getAsLong());
        log.info("Conversation {} with the clinic opened", conversation.id());
        return Opening.OPENED;
    }

    /** The parent's open conversation, if any: their messages then go to the staff group. */
    public Optional<Conversation> openConversation(long parentChatId) {
        return conversations.openFor(parentChatId);
    }

    /**
     * A parent's message in an open conversation, copied to the staff group (under the header, or in the topic).
     *
     * @param urgent triage found a danger sign: Sanad gave the urgent advice, and says so under the copy
     */
    public boolean fromParent(Conversation conversation, long messageId, boolean urgent) {
        ClinicLine messenger = line.getObject();
        Long replyTo = conversation.topicId() == null ? conversation.headerMessageId() : null;
        // the pair is stored with the queued copy, so that it is there when the sender learns the copy's id
        ClinicLine.Copied copy = transactions.execute(status -> {
            ClinicLine.Copied queued = messenger.copy(new ClinicLine.Copy(conversation.id(),
                    conversation.parentChatId(), messageId, conversation.staffChatId(), conversation.topicId(),
                    replyTo, false, conversation.parentChatId()));
            if (queued.accepted()) {
                conversations.relayed(conversation.id(), Conversations.Direction.TO_STAFF,
                        conversation.parentChatId(), messageId, conversation.staffChatId(), queued.messageId(),
                        clock.instant());
            }
            return queued;
        });
        if (!copy.accepted()) {
            return false;
        }
        if (urgent) {
            messenger.tell(conversation.id(), conversation.staffChatId(), conversation.topicId(), copy.messageId(),
                    ClinicLine.Notice.STAFF_URGENT);
        }
        return true;
    }

    /**
     * A message in the staff group: a staff member's reply to the header or a copy (or, in a forum, a message in a
     * conversation's topic) goes to that conversation's parent, marked as coming from the clinic.
     *
     */
    public StaffMessage fromStaff(StaffPost post) {
        long staffChatId = post.chatId();
        long userId = post.userId();
        long messageId = post.messageId();
        Long replyTo = post.replyTo();
        Optional<Conversation> found = route(post);
        if (found.isEmpty()) {
            return StaffMessage.NOT_ROUTED;
        }
        Conversation conversation = found.get();
        if (!roles.of(userId).includes(Role.STAFF)) {
            log.debug("A reply in the staff group from someone who is not staff was not relayed");
            return StaffMessage.NOT_STAFF;
        }
        if (!conversation.open()) {
            return StaffMessage.ALREADY_CLOSED;
        }
        Long answers = replyTo == null ? null
                : conversations.parentOriginal(conversation.id(), staffChatId, replyTo).orElse(null);
        ClinicLine.Copied copy = transactions.execute(status -> {
            ClinicLine.Copied queued = line.getObject().copy(new ClinicLine.Copy(conversation.id(), staffChatId,
                    messageId, conversation.parentChatId(), null, answers, true, conversation.parentChatId()));
            if (queued.accepted()) {
                conversations.relayed(conversation.id(), Conversations.Direction.TO_PARENT, staffChatId, messageId,
                        conversation.parentChatId(), queued.messageId(), clock.instant());
            }
            return queued;
        });
        if (!copy.accepted()) {
            audit.record("telegram:" + userId, "handoff.reply", "failed", "conversation " + conversation.id());
            return StaffMessage.FAILED;
        }
        audit.record("telegram:" + userId, "handoff.reply", "ok", "conversation " + conversation.id());
        return StaffMessage.RELAYED;
    }

    /** /close sent in reply to a conversation's message (or in its topic). */
    public StaffMessage closeByStaff(StaffPost post) {
        Optional<Conversation> found = route(post);
        return found.isEmpty() ? StaffMessage.NOT_ROUTED : closeByStaff(found.get(), post.userId());
    }

    /** The button «إنهاء المحادثة» under a header, tapped in the staff group. */
    public StaffMessage closeByStaff(long staffChatId, long userId, long conversationId) {
        Optional<Conversation> found = conversations.find(conversationId)
                .filter(conversation -> conversation.staffChatId() == staffChatId);
        return found.isEmpty() ? StaffMessage.NOT_ROUTED : closeByStaff(found.get(), userId);
    }

    private StaffMessage closeByStaff(Conversation conversation, long userId) {
        String actor = "telegram:" + userId;
        if (!roles.of(userId).includes(Role.STAFF)) {
            audit.record(actor, "handoff.close", "refused", "not staff");
            return StaffMessage.NOT_STAFF;
        }
        if (!conversations.close(conversation.id(), Conversations.ClosedBy.STAFF, clock.instant())) {
            return StaffMessage.ALREADY_CLOSED;
        }
        audit.record(actor, "handoff.close", "ok", "conversation " + conversation.id());
        ClinicLine messenger = line.getObject();
        messenger.tell(conversation.id(), conversation.parentChatId(), null, null,
                ClinicLine.Notice.PARENT_CLOSED_BY_STAFF);
        tellStaff(messenger, conversation, ClinicLine.Notice.STAFF_CLOSED_BY_STAFF);
        return StaffMessage.CLOSED;
    }

    /** /endclinic, or the parent's own «إنهاء المحادثة»: false when no conversation was open. */
    public boolean closeByParent(long parentChatId) {
        Optional<Conversation> open = conversations.openFor(parentChatId);
        if (open.isEmpty() || !conversations.close(open.get().id(), Conversations.ClosedBy.PARENT, clock.instant())) {
            return false;
        }
        tellStaff(line.getObject(), open.get(), ClinicLine.Notice.STAFF_CLOSED_BY_PARENT);
        return true;
    }

    /** /forget: an open conversation ends, and the routing rows of every conversation of that chat go. */
    public void forget(long parentChatId) {
        List<Conversation> ended = conversations.forget(parentChatId, clock.instant());
        // copies to and from that parent still waiting in the outbox go too
        outbox.ifAvailable(waiting -> waiting.forget(parentChatId));
        ClinicLine messenger = line.getIfAvailable();
        if (messenger != null) {
            ended.forEach(conversation -> tellStaff(messenger, conversation, ClinicLine.Notice.STAFF_FORGOTTEN));
        }
        synchronized (lastOutcomes) {
            lastOutcomes.remove(parentChatId);
        }
    }

    /** Closes conversations silent for longer than the inactivity setting, telling both sides; how many. */
    public int closeIdle() {
        ClinicLine messenger = line.getIfAvailable();
        if (messenger == null) {
            return 0;
        }
        Instant now = clock.instant();
        int closed = 0;
        for (Conversation conversation : conversations.idleSince(now.minus(properties.inactivity()))) {
            // another replica may have closed it a moment ago: only the one that closes it tells anyone
            if (conversations.close(conversation.id(), Conversations.ClosedBy.INACTIVITY, now)) {
                closed++;
                messenger.tell(conversation.id(), conversation.parentChatId(), null, null,
                        ClinicLine.Notice.PARENT_CLOSED_IDLE);
                tellStaff(messenger, conversation, ClinicLine.Notice.STAFF_CLOSED_IDLE);
            }
        }
        if (closed > 0) {
            log.info("{} conversations with the clinic closed after {} without messages", closed,
                    properties.inactivity());
        }
        return closed;
    }

    public Stats stats() {
        return conversations.stats();
    }

    private Optional<Conversation> route(StaffPost post) {
        long staffChatId = post.chatId();
        Long replyTo = post.replyTo();
        Integer topicId = post.topicId();
        if (!isStaffChat(staffChatId)) {
            return Optional.empty();
        }
        if (replyTo != null) {
            Optional<Conversation> byMessage = conversations.byStaffMessage(staffChatId, replyTo);
            if (byMessage.isPresent()) {
                return byMessage;
            }
        }
        if (post.repliedConversation() != null) {
            Optional<Conversation> named = conversations.find(post.repliedConversation())
                    .filter(conversation -> conversation.staffChatId() == staffChatId);
            if (named.isPresent()) {
                return named;
            }
        }
        // in a forum, a message in a conversation's topic that answers no particular message (Telegram then names
        // the topic's first message, whose id is the topic's) belongs to that conversation
        if (topicId != null && (replyTo == null || replyTo.longValue() == topicId.longValue())) {
            return conversations.byTopic(staffChatId, topicId);
        }
        return Optional.empty();
    }

    private static void tellStaff(ClinicLine messenger, Conversation conversation, ClinicLine.Notice notice) {
        Long replyTo = conversation.topicId() == null ? conversation.headerMessageId() : null;
        messenger.tell(conversation.id(), conversation.staffChatId(), conversation.topicId(), replyTo, notice);
    }
}
