/**
 * The HTTP adapter: {@code POST /api/ask} (also behind the web chat page), the admin API {@code POST
 * /api/admin/reindex} through the staff gate, and JSON errors for everything else.
 */
package org.sanad.web;
