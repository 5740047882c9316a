/**
 * Finding the passage that answers a message, and deciding whether it really does: the question's slots, the
 * query, the ranking, the confidence gate, and every strategy (a clause, the last clause after a denial, the risk
 * and danger topics).
 */
package org.sanad.knowledge.search;
