/** What every feature shares: the database access, GraphQL plumbing, pagination, the clock. */
@NullMarked
package org.carerota.api.shared;

import org.jspecify.annotations.NullMarked;
