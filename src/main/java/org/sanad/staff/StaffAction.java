package org.sanad.staff;

/** Every staff action, as the audit log names it, and the role it needs. Channels show commands by these roles. */
public enum StaffAction {
    BROADCAST_DRAFT("broadcast.draft", Role.STAFF),
    BROADCAST_SEND("broadcast.send", Role.STAFF),
    BROADCAST_CANCEL("broadcast.cancel", Role.STAFF),
    BROADCAST_RESEND("broadcast.resend", Role.STAFF),
    STATS("stats", Role.ADMIN),
    REINDEX("reindex", Role.ADMIN);

    private final String auditName;
    private final Role role;

    StaffAction(String auditName, Role role) {
        this.auditName = auditName;
        this.role = role;
    }

    public String auditName() {
        return auditName;
    }

    public Role role() {
        return role;
    }
}
