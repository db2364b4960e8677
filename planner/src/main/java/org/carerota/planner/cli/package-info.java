/** The planner command line ({@code carerota-planner.jar}). */
@NullMarked
package org.carerota.planner.cli;

import org.jspecify.annotations.NullMarked;
