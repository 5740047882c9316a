package org.sanad.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Recognises people: a Telegram user by the ids in {@code BOT_STAFF_IDS} and {@code BOT_ADMIN_IDS}, an HTTP caller
 * by the {@code ADMIN_API_TOKEN} bearer token. Admins are staff too; everyone else is a parent.
 */
@Component
public class Roles {

    private static final String BEARER = "Bearer ";

    private final Map<Long, Role> members;
    private final String apiToken;

    public Roles(RolesProperties properties) {
        Map<Long, Role> members = new LinkedHashMap<>();
        properties.staffIds().forEach(id -> members.put(id, Role.STAFF));
        properties.adminIds().forEach(id -> members.put(id, Role.ADMIN));
        this.members = Collections.unmodifiableMap(members);
        this.apiToken = properties.apiToken();
    }

    public Role of(long telegramUserId) {
        return members.getOrDefault(telegramUserId, Role.EVERYONE);
    }

    public Actor telegramUser(long userId) {
        return new Actor("telegram:" + userId, of(userId), userId);
    }

    /** Staff and admins by Telegram user id, in the order the settings list them. */
    public Map<Long, Role> members() {
        return members;
    }

    /** The admin HTTP API exists only when a token is set. */
    public boolean apiEnabled() {
        return !apiToken.isBlank();
    }

    /** An HTTP caller: an admin with the right bearer token, anyone otherwise. */
    public Actor apiCaller(String authorizationHeader) {
        return new Actor("http", apiEnabled() && tokenMatches(authorizationHeader) ? Role.ADMIN : Role.EVERYONE, 0);
    }

    /** Constant time, so that response timing tells nothing about the token. */
    private boolean tokenMatches(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, apiToken.getBytes(StandardCharsets.UTF_8));
    }
}
