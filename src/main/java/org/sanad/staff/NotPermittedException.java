package org.sanad.staff;

/** The actor's role does not allow the action. Nothing happened, and the refusal is in the audit log. */
public class NotPermittedException extends RuntimeException {

    private final StaffAction action;

    NotPermittedException(StaffAction action) {
        super(action.auditName() + " needs the role " + action.role());
        this.action = action;
    }

    /** The role the action needs, for a refusal that says who may do it. */
    public Role required() {
        return action.role();
    }
}
