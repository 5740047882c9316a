/**
 * A parent talking to a person at the clinic from the same chat: the conversations and their routing (which parent
 * a staff reply belongs to), opening, closing (by staff, by the parent, after a day of silence, on /forget), the
 * clinic's hours, and the numbers for /stats. It stores chat ids, message ids and times, never a message's text.
 * It reaches the messenger only through {@link org.sanad.handoff.ClinicLine}, which the Telegram adapter implements;
 * it asks {@code staff} who is staff and writes staff actions to {@code audit}.
 */
package org.sanad.handoff;
