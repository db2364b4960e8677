/** Tests of the capacity reports. */
@NullMarked
package org.carerota.api.report;

import org.jspecify.annotations.NullMarked;
