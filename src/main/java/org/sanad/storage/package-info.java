/**
 * The database as every room shares it: commits that are on disk before anyone is told they happened (also on the
 * embedded H2), and the replicas of Sanad that share one database, with their heartbeats. The bottom layer: every
 * room may use it, it calls no one.
 */
package org.sanad.storage;
