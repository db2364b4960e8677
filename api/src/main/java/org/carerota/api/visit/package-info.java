/** Dated visits to people at home. */
@NullMarked
package org.carerota.api.visit;

import org.jspecify.annotations.NullMarked;
