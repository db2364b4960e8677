/** Tests of the Flyway migrations: they apply, validate, and the database enforces the rules. */
@NullMarked
package org.carerota.infra.migration;

import org.jspecify.annotations.NullMarked;
