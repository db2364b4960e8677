@NullMarked
package org.carerota.api.carer;

import org.jspecify.annotations.NullMarked;
