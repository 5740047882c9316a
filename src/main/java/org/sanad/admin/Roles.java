package org.sanad.admin;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Staff may broadcast; admins may also reindex and see statistics. Everyone else is a parent. */
@Component
public class Roles {

    private final Set<Long> staff;
    private final Set<Long> admins;

    public Roles(RolesProperties properties) {
        this.admins = Set.copyOf(properties.adminIds());
        this.staff = Stream.concat(properties.staffIds().stream(), admins.stream()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isStaff(long userId) {
        return staff.contains(userId);
    }

    public boolean isAdmin(long userId) {
        return admins.contains(userId);
    }
}
