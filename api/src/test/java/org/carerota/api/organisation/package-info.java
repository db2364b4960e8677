@NullMarked
package org.carerota.api.organisation;

import org.jspecify.annotations.NullMarked;
