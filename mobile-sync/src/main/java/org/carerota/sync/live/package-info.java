/** Live notifications across instances through PostgreSQL LISTEN/NOTIFY. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.live;
