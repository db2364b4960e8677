/** CSV import of reference data in the layouts coordinators keep in spreadsheets: all-or-nothing, per-row report. */
@NullMarked
package org.carerota.api.csv;

import org.jspecify.annotations.NullMarked;
