/**
 * The demo region: on the first start of the demo profile, the synthetic Norfolk and Waveney
 * region from the planner's generator is loaded into the database, once.
 */
@NullMarked
package org.carerota.api.demo;

import org.jspecify.annotations.NullMarked;
