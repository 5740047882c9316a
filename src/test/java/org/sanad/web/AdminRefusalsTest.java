package org.sanad.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanad.RunningSanad;
import org.sanad.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * 5,000 admin calls with a wrong token: after a few refusals the caller gets 429 without the token being compared, and
 * the audit log and the log hold a couple of entries, not 5,000. (An application of its own: the calls exhaust the
 * refusals of 127.0.0.1 for a minute.)
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "sanad.knowledge.gate.min-matched=1")
class AdminRefusalsTest extends RunningSanad {

    @Autowired
    AuditLog audit;

    @Test
    void aFloodOfWrongTokensIsRateLimitedAndAuditedInAggregate(CapturedOutput output) {
        int logBefore = output.getAll().length();
        long auditBefore = audit.recent(100_000).size();
        Map<Integer, Integer> statuses = new HashMap<>();

        for (int i = 0; i < 5_000; i++) {
            HttpResponse<String> response = postJson("/api/admin/reindex", "", "Authorization", "Bearer wrong-" + i);
            statuses.merge(response.statusCode(), 1, Integer::sum);
        }

        assertThat(statuses).containsOnlyKeys(401, 429);
        assertThat(statuses.get(401)).isEqualTo(AdminController.REFUSALS_PER_MINUTE);
        assertThat(audit.recent(100_000).size() - auditBefore).as("audit rows").isLessThanOrEqualTo(2);
        assertThat(output.getAll().length() - logBefore).as("characters logged").isLessThan(2_000);
    }
}
