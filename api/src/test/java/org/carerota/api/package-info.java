@NullMarked
package org.carerota.api;

import org.jspecify.annotations.NullMarked;
