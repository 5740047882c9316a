/**
 * Danger alerts for the clinic: every URGENT or CRISIS answer of the pipeline ({@link org.sanad.ask.DangerListener}),
 * whatever produced it, becomes one message to the staff's Telegram group through the outbox.
 */
package org.sanad.alert;
