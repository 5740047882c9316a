package org.sanad.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sanad.staff.NotPermittedException;
import org.sanad.staff.ReindexFailedException;
import org.sanad.staff.ReindexService;
import org.sanad.staff.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin HTTP API: {@code POST /api/admin/reindex}, with {@code Authorization: Bearer <ADMIN_API_TOKEN>}. Who may
 * call it, and the audit of every call, are the staff gate's, as for Telegram's /reindex.
 */
@RestController
class AdminController {

    private final Roles roles;
    private final ReindexService reindex;

    AdminController(Roles roles, ReindexService reindex) {
        this.roles = roles;
        this.reindex = reindex;
    }

    @PostMapping(path = "/api/admin/reindex", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> reindex(
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!roles.apiEnabled()) {
            return error(HttpStatus.NOT_FOUND, "the admin API is off: set ADMIN_API_TOKEN to turn it on");
        }
        try {
            ReindexService.Report report = reindex.reindex(roles.apiCaller(authorization));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("documents", report.documents());
            body.put("passages", report.passages());
            body.put("warnings", report.warnings());
            body.put("durationMs", report.duration().toMillis());
            return ResponseEntity.ok(body);
        } catch (NotPermittedException e) {
            return error(HttpStatus.UNAUTHORIZED, "a valid admin token is required");
        } catch (ReindexFailedException e) {
            return error(HttpStatus.UNPROCESSABLE_CONTENT,
                    "the knowledge folder could not be indexed, the previous index keeps serving: " + e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
