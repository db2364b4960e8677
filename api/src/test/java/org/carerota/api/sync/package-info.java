/** Tests of the sync endpoints, the calendar feed and the carer web app (browser). */
@NullMarked
package org.carerota.api.sync;

import org.jspecify.annotations.NullMarked;
