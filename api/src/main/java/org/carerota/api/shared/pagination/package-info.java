/** Relay cursor pagination over keyset queries. */
@NullMarked
package org.carerota.api.shared.pagination;

import org.jspecify.annotations.NullMarked;
