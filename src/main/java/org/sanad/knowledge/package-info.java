/**
 * The clinic's documents as answers: wiring and settings of the three parts below, and health. Arrows run
 * search → index → ingest, each reading text through {@code org.sanad.text}.
 */
package org.sanad.knowledge;
