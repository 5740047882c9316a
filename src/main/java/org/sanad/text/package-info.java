/**
 * How Sanad reads Arabic of every dialect, Arabizi, English and French: the normaliser, the stemmer, the Arabizi
 * reader and the word lists, and {@link org.sanad.text.MessageText}, a message read once that search and triage
 * both use. The index reads documents through the same chain ({@link org.sanad.text.TextAnalyzer}). The bottom
 * layer: it calls no other room.
 */
package org.sanad.text;
