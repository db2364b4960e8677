/** Tests of security and tenancy: the attack catalogue of issue 3. */
@NullMarked
package org.carerota.api.security;

import org.jspecify.annotations.NullMarked;
