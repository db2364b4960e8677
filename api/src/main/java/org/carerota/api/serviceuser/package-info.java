/** People supported at home: their details, preferences and care packages. */
@NullMarked
package org.carerota.api.serviceuser;

import org.jspecify.annotations.NullMarked;
