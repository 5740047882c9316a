/**
 * What clinic staff and admins may do, whatever the channel: who holds which role, one gate that authorises and
 * audits every staff action, and the actions themselves (broadcasts, statistics, reindexing, also when the
 * knowledge folder changes by itself). Adapters call it; it calls knowledge, broadcast and audit.
 */
package org.sanad.staff;
