package org.sanad.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.index.PassageIndex;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The admin HTTP API: {@code POST /api/admin/reindex}, with {@code Authorization: Bearer <ADMIN_API_TOKEN>}. */
@RestController
class AdminApiController {

    private static final String BEARER = "Bearer ";

    private final AdminProperties properties;
    private final ReindexService reindex;

    AdminApiController(AdminProperties properties, ReindexService reindex) {
        this.properties = properties;
        this.reindex = reindex;
    }

    @PostMapping(path = "/api/admin/reindex", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> reindex(
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!properties.apiEnabled()) {
            return error(HttpStatus.NOT_FOUND, "the admin API is off: set ADMIN_API_TOKEN to turn it on");
        }
        if (!authorized(authorization)) {
            reindex.refused("http");
            return error(HttpStatus.UNAUTHORIZED, "a valid admin token is required");
        }
        try {
            PassageIndex.Report report = reindex.reindex("http");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("documents", report.documents());
            body.put("passages", report.passages());
            body.put("warnings", report.warnings());
            body.put("durationMs", report.duration().toMillis());
            return ResponseEntity.ok(body);
        } catch (KnowledgeUnavailableException e) {
            return error(HttpStatus.UNPROCESSABLE_CONTENT,
                    "the knowledge folder could not be indexed, the previous index keeps serving: " + e.getMessage());
        }
    }

    /** Constant time, so that response timing tells nothing about the token. */
    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = properties.apiToken().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
