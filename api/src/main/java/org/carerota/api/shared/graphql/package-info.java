/** GraphQL plumbing shared by every feature: scalars, error mapping, schema inspection. */
@NullMarked
package org.carerota.api.shared.graphql;

import org.jspecify.annotations.NullMarked;
