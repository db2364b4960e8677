/** The CareRota application: GraphQL API, rota jobs, reports and security, packaged by feature. */
@NullMarked
package org.carerota.api;

import org.jspecify.annotations.NullMarked;
