/** Carers, their skills, shifts and absences. */
@NullMarked
package org.carerota.api.carer;

import org.jspecify.annotations.NullMarked;
