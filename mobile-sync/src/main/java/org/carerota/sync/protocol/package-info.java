/** The wire records of pull and push (what devices send and receive) and the feed's visit payload. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.protocol;
