/**
 * The Lucene index of the passages: built aside, committed and swapped through Lucene's {@code SearcherManager},
 * verified by its checksums before it is reused, and read as {@link org.sanad.knowledge.index.PassageSnapshot}s
 * that hold what a search needs beside the index.
 */
package org.sanad.knowledge.index;
