/** Organisations, staff pools and their sharing agreements, and areas. */
@NullMarked
package org.carerota.api.organisation;

import org.jspecify.annotations.NullMarked;
