/**
 * The embedded PostgreSQL: a real PostgreSQL binary from a Maven package, used by the platform's
 * default run (persistent, durable) and by every database test (ephemeral, one server per JVM).
 */
@NullMarked
package org.carerota.infra.db;

import org.jspecify.annotations.NullMarked;
