/**
 * Records of what happened, for the clinic to review: who did what as staff or admin (the audit log), and how many
 * questions every channel answered (the usage counters). The bottom layer: every room may write here, it calls no one.
 */
package org.sanad.audit;
