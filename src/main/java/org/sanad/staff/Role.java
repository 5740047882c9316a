package org.sanad.staff;

/** What someone may do; each role may do everything the ones before it may. */
public enum Role {
    /** Parents, and anyone else: ask, subscribe, forget. */
    EVERYONE,
    /** Clinic staff: also broadcast to subscribers. */
    STAFF,
    /** Sanad's admins: also statistics and reindexing. */
    ADMIN;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }
}
