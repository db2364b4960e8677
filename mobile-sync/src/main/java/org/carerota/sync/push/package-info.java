/** Idempotent event ingest, validation, quarantine, conflict flags and the pins delivered events imply. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.push;
