/** Fault tests of the protocol: database restarts and dropped connections during pushes. */
@NullMarked
package org.carerota.sync.fault;

import org.jspecify.annotations.NullMarked;
