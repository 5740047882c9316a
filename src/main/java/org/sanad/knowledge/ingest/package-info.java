/**
 * Reading the knowledge folder into passages: the loader (what is there, what is wrong with it, its content hash)
 * and the Markdown and plain-text parser. One paragraph is one answer.
 */
package org.sanad.knowledge.ingest;
