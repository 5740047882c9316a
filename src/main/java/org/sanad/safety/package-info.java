/**
 * Red-flag triage: whether a message reports a danger sign after a botulinum toxin injection, denies one, asks
 * about one in general, or comes from a caregiver in crisis. The signs and their words are data under
 * {@code /safety}; the policy is {@link org.sanad.safety.RedFlagDetector}. {@link org.sanad.safety.ProblemReports}
 * is the safety net beneath it: whether a message reports a new problem with the child at all. Both read the
 * message as {@code text} does for search.
 */
package org.sanad.safety;
