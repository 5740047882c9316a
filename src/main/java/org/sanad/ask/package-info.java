/**
 * The one answering pipeline every channel shares: triage first, then the documents, then a reply that always
 * ends with the doctor note, and usage counted for every channel. Channels only translate an
 * {@link org.sanad.ask.Answer}; they need no search or safety types.
 */
package org.sanad.ask;
