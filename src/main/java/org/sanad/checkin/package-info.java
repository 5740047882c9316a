/**
 * Check-ins after an injection: the chat's recorded injection, its check-ins and follow-up reminder as outbox rows
 * (waiting out {@code QUIET_HOURS} in {@code CLINIC_TIMEZONE}), the parents' answers counted for /stats.
 */
package org.sanad.checkin;
