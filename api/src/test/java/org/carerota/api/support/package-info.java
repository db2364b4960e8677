/** Test support: the embedded test database wired into Spring. */
@NullMarked
package org.carerota.api.support;

import org.jspecify.annotations.NullMarked;
